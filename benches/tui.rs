//! Criterion benchmarks of the terminal wizard, with the largest swagger of the corpus
//! (certified-connectors/Encodian, 1.1 MB) open in 3 Build:
//!
//! - `tui/keystroke`: one key typed into a summary and its live re-check, through the whole
//!   update path (keymap, textarea, the field's rules) — must stay under 5 ms;
//! - `tui/field_check`: the field's rules alone;
//! - `tui/render_build_120x40`: one full frame of the Build screen on ratatui's TestBackend;
//! - `tui/form_keystroke_pair`: a letter typed into a parameter form's summary and deleted,
//!   each with the form's checks (the operation's other parameters, the summary's rules);
//! - `tui/add_parameter` and `tui/add_operation`: what `^S` computes in update for a form
//!   (the minimal-diff change of the 1.1 MB swagger, parsed again after each step).
//!
//! Run with `cargo bench --bench tui`; needs the corpus (`CW_SHARED_DIR`, else `../shared`),
//! skips with a message otherwise.

use connector_wizard::rules::check_field;
use connector_wizard::session::SessionStore;
use connector_wizard::tui::action::Effect;
use connector_wizard::tui::app::App;
use connector_wizard::tui::runtime::Runtime;
use connector_wizard::tui::views;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::PathBuf;

#[path = "../tests/common/shared.rs"]
mod shared;

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// A wizard on 3 Build with Encodian open and the editor on its longest operation summary.
fn wizard(folder: PathBuf, tmp: &std::path::Path) -> Runtime {
    let store = SessionStore::new(tmp.join("sessions"));
    let app = App::new(
        false,
        false,
        chrono::Utc::now(),
        chrono::Local::now().date_naive(),
    );
    let mut rt = Runtime::new(app, store, None, false);
    rt.perform_all(vec![Effect::ListSessions]);
    rt.perform_all(vec![Effect::CreateSession {
        name: "Bench".into(),
    }]);
    rt.key(key(KeyCode::Char('3')));
    // No folder yet: the start panel; O asks for one.
    rt.key(key(KeyCode::Char('O')));
    for c in folder.display().to_string().chars() {
        rt.key(key(KeyCode::Char(c)));
    }
    rt.key(key(KeyCode::Enter));
    assert!(
        rt.app.shared.workspace.connector.is_some(),
        "Encodian did not open: {:?}",
        rt.app.shared.messages.current
    );
    let b = &rt.app.build;
    let (i, _) = b
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.field == connector_wizard::rules::Field::OpSummary)
        .max_by_key(|(_, f)| f.value.as_ref().map(|v| v.len()).unwrap_or(0))
        .expect("an operation summary");
    rt.app.build.fields_nav.selected = i;
    rt.key(key(KeyCode::Enter));
    assert!(rt.app.shared.editor.is_some());
    rt
}

fn tui_benches(c: &mut Criterion) {
    let Some(corpus) = shared::corpus_or_skip("tui benches") else {
        return;
    };
    let folder = corpus.join("certified-connectors/Encodian");
    if !folder.is_dir() {
        eprintln!("SKIP tui benches: {} is missing", folder.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut rt = wizard(folder, tmp.path());
    eprintln!(
        "Encodian: {} fields, {} findings",
        rt.app.build.fields.len(),
        rt.app.shared.workspace.findings.len()
    );
    let mut g = c.benchmark_group("tui");
    // Type a letter, then delete it: two keystrokes, each re-checked; the text stays the same.
    g.bench_function("keystroke_pair", |b| {
        b.iter(|| {
            rt.key(key(KeyCode::Char('x')));
            rt.key(key(KeyCode::Backspace));
            black_box(rt.app.shared.editor.as_ref().map(|e| e.issues.len()))
        })
    });
    let ed = rt.app.shared.editor.as_ref().unwrap();
    let (field, text, ctx) = (ed.field.unwrap(), ed.text(), ed.ctx.clone());
    g.bench_function("field_check", |b| {
        b.iter(|| black_box(check_field(field, &text, &ctx.as_ctx())))
    });
    rt.key(key(KeyCode::Esc));
    // A parameter form on the selected operation, its summary's editor open.
    rt.key(key(KeyCode::Char('p')));
    rt.key(key(KeyCode::Enter));
    for c in "top".chars() {
        rt.key(key(KeyCode::Char(c)));
    }
    rt.key(key(KeyCode::Enter));
    let summary = connector_wizard::tui::action::FormKey::Param(
        connector_wizard::generate::operation::ParamField::Summary,
    );
    let row = rt
        .app
        .build
        .form
        .as_ref()
        .expect("a parameter form")
        .rows
        .iter()
        .position(|k| *k == summary)
        .unwrap();
    rt.app.build.form.as_mut().unwrap().nav.selected = row;
    rt.key(key(KeyCode::Enter));
    assert!(rt.app.shared.editor.is_some());
    g.bench_function("form_keystroke_pair", |b| {
        b.iter(|| {
            rt.key(key(KeyCode::Char('x')));
            rt.key(key(KeyCode::Backspace));
            black_box(rt.app.shared.editor.as_ref().map(|e| e.problem.is_some()))
        })
    });
    rt.key(key(KeyCode::Esc));
    rt.key(key(KeyCode::Esc));
    rt.key(key(KeyCode::Char('y')));
    let sw = rt
        .app
        .shared
        .workspace
        .connector
        .as_ref()
        .unwrap()
        .swagger
        .as_ref()
        .unwrap();
    let text = sw.text.clone();
    let op = rt.app.build.fields[rt.app.build.fields_nav.selected]
        .pointer
        .clone();
    let op = connector_wizard::generate::operation::operation_of(&op).expect("an operation");
    let param = connector_wizard::generate::operation::ParamSpec {
        name: "top".into(),
        summary: "Top".into(),
        description: "How many to return.".into(),
        ..connector_wizard::generate::operation::ParamSpec::new_query()
    };
    g.bench_function("add_parameter", |b| {
        b.iter(|| {
            black_box(
                connector_wizard::generate::operation::add_parameter(&text, &op, &param).unwrap(),
            )
        })
    });
    let new_op = connector_wizard::generate::operation::OperationSpec {
        method: "get".into(),
        path: "/bench/{id}".into(),
        operation_id: "BenchGet".into(),
        summary: "Get bench".into(),
        ..Default::default()
    };
    g.bench_function("add_operation", |b| {
        b.iter(|| {
            black_box(connector_wizard::generate::operation::add_operation(&text, &new_op).unwrap())
        })
    });
    rt.app.size = (120, 40);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    g.bench_function("render_build_120x40", |b| {
        b.iter(|| {
            term.draw(|f| {
                black_box(views::draw(f, &rt.app));
            })
            .unwrap();
        })
    });
    // Steps whose text comes from the swagger (computed once in update, drawn each frame).
    for (name, step) in [
        (
            "render_propose_120x40",
            connector_wizard::session::Step::Propose,
        ),
        (
            "render_submit_120x40",
            connector_wizard::session::Step::Submit,
        ),
    ] {
        rt.dispatch(connector_wizard::tui::action::Action::Cmd(
            connector_wizard::tui::action::Cmd::GoStep(step.index() as u8),
        ));
        g.bench_function(name, |b| {
            b.iter(|| {
                term.draw(|f| {
                    black_box(views::draw(f, &rt.app));
                })
                .unwrap();
            })
        });
    }
    g.finish();
}

criterion_group!(benches, tui_benches);
criterion_main!(benches);
