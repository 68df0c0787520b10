//! `bench --whole DIR…`: the whole `check` of every connector folder under the folders, as a
//! user runs it (one process of this binary, output to a file), timed against a plain
//! serde_json parse of the same JSON files in this process, side by side in the same run;
//! and the peak memory of that process for the text, JSON and SARIF outputs (the child's
//! own peak resident set, from `wait4`).

use crate::lint::discover::{self, Found};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of the child: wall time, CPU time (user + system), peak memory in bytes.
#[derive(Debug, Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Duration,
    peak: u64,
}

/// Runs `cmd` and waits for it with `wait4`, which gives this child's own resource use.
#[cfg(unix)]
fn measure(mut cmd: Command) -> anyhow::Result<(Run, i32)> {
    let start = Instant::now();
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data, valid when zeroed; `wait4` writes into the two
    // pointers, which live for the call. The child is reaped here, not by `Child`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if r != pid {
        anyhow::bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    // Linux reports kilobytes, macOS bytes.
    let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok((
        Run {
            wall,
            cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
            peak: usage.ru_maxrss as u64 * unit,
        },
        code,
    ))
}

#[cfg(not(unix))]
fn measure(_cmd: Command) -> anyhow::Result<(Run, i32)> {
    anyhow::bail!("bench --whole measures child processes with wait4, on Unix only")
}

fn median<T: Copy + Ord>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

/// Every connector folder under `dirs`, as `check` finds them.
fn folders(dirs: &[PathBuf]) -> Vec<PathBuf> {
    dirs.iter()
        .flat_map(|d| match discover::find(d) {
            Found::Walked(v) => v,
            Found::Itself => vec![d.clone()],
        })
        .collect()
}

pub fn run(dirs: &[PathBuf], runs: usize) -> anyhow::Result<()> {
    let dirs: Vec<PathBuf> = dirs.iter().filter(|d| d.is_dir()).cloned().collect();
    let folders = folders(&dirs);
    if folders.is_empty() {
        println!("whole check: no connector folders under the --whole folders; skipped");
        return Ok(());
    }
    let exe = std::env::current_exe()?;
    let out = tempfile::tempdir()?;
    let bytes: usize = super::bench::json_files(&folders)
        .iter()
        .map(Vec::len)
        .sum();
    let shown: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    println!(
        "\nwhole check of {} ({} connector folders, {:.1} MB of JSON), one process, output to a file, median of {runs} runs:",
        shown.join(" + "),
        folders.len(),
        bytes as f64 / 1e6
    );
    let child = |format: &str, file: &Path| {
        let mut c = Command::new(&exe);
        c.args([
            "check",
            "--isolated",
            "--quiet",
            "--exit-zero",
            "--format",
            format,
            "-o",
        ])
        .arg(file)
        .args(&dirs)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        c
    };
    let mut rows = Vec::new();
    let mut parse_times = Vec::new();
    for format in ["json", "text", "sarif"] {
        let file = out.path().join(format!("out.{format}"));
        let mut runs_of = Vec::new();
        for _ in 0..runs.max(1) {
            // The parse runs next to each check so both see the same machine load.
            let t = Instant::now();
            std::hint::black_box(super::bench::serde_parse_all(&folders));
            parse_times.push(t.elapsed());
            let (r, code) = measure(child(format, &file))?;
            if code != 0 {
                anyhow::bail!("check --format {format} exited with {code}");
            }
            runs_of.push(r);
        }
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        rows.push((
            format,
            median(runs_of.iter().map(|r| r.wall).collect()),
            median(runs_of.iter().map(|r| r.cpu).collect()),
            runs_of.iter().map(|r| r.peak).max().unwrap_or(0),
            size,
        ));
    }
    let parse = median(parse_times);
    println!(
        "serde_json parse of the same files (this process): {}",
        ms(parse)
    );
    let text_peak = rows
        .iter()
        .find(|r| r.0 == "text")
        .map(|r| r.3)
        .unwrap_or(1)
        .max(1);
    for (format, wall, cpu, peak, size) in &rows {
        println!(
            "check --format {format:<5}  wall {:>7} ({:.2}x parse)  cpu {:>7} ({:.2}x)  peak {:>8} ({:.2}x text)  output {}",
            ms(*wall),
            wall.as_secs_f64() / parse.as_secs_f64(),
            ms(*cpu),
            cpu.as_secs_f64() / parse.as_secs_f64(),
            mb(*peak),
            *peak as f64 / text_peak as f64,
            mb(*size)
        );
    }
    println!("targets: JSON wall <= 1.5x parse; JSON and SARIF peak <= 1.5x text");
    Ok(())
}
