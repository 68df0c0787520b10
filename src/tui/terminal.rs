//! The only place that touches the terminal's modes: raw mode, the alternate screen, mouse
//! capture and bracketed paste. [`Tui::enter`] turns them on; [`restore`] turns every one of
//! them off again and is called on quit, on error (the guard's `Drop`), from the panic hook and
//! after SIGTERM/SIGHUP. Input is read on a thread of its own so that the main loop can block on
//! one channel for keys, finished jobs and signals alike.

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Once};

/// Whether the modes are on (so that restoring twice is harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture was turned on.
static MOUSE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// What the input and signal threads send to the main loop.
#[derive(Debug)]
pub enum Incoming {
    Input(Event),
    /// SIGTERM or SIGHUP arrived: leave through the quit path.
    Signal,
    /// The input stream ended or failed.
    InputClosed(String),
}

/// The terminal in wizard mode. Dropping it restores the terminal.
pub struct Tui {
    pub terminal: ratatui::Terminal<CrosstermBackend<Stdout>>,
    /// Set when SIGTERM or SIGHUP arrived; the main loop checks it after every message.
    pub signalled: Arc<AtomicBool>,
}

impl Tui {
    /// Turns on raw mode, the alternate screen, bracketed paste and (when `mouse`) mouse
    /// capture, and installs the panic hook that undoes them.
    pub fn enter(mouse: bool) -> io::Result<Tui> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        MOUSE.store(mouse, Ordering::SeqCst);
        let mut out = io::stdout();
        let entered = execute!(
            out,
            EnterAlternateScreen,
            EnableBracketedPaste,
            cursor::Hide
        )
        .and_then(|_| {
            if mouse {
                execute!(out, EnableMouseCapture)
            } else {
                Ok(())
            }
        });
        if let Err(e) = entered {
            restore();
            return Err(e);
        }
        // Start crossterm's event source now, so that a resize that comes before the input
        // thread's first read is not lost (it installs the SIGWINCH handler).
        let _ = event::poll(std::time::Duration::ZERO);
        let terminal = match ratatui::Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(t) => t,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        Ok(Tui {
            terminal,
            signalled: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Starts the thread that reads terminal events and the one that turns SIGTERM and SIGHUP
    /// into a message. Both send to `tx`.
    pub fn spawn_readers<M: Send + 'static>(&self, tx: Sender<M>, wrap: fn(Incoming) -> M) {
        let input_tx = tx.clone();
        std::thread::Builder::new()
            .name("tui-input".into())
            .spawn(move || loop {
                match event::read() {
                    Ok(ev) => {
                        if input_tx.send(wrap(Incoming::Input(ev))).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = input_tx.send(wrap(Incoming::InputClosed(e.to_string())));
                        break;
                    }
                }
            })
            .expect("spawn the input thread");
        spawn_signal_thread(tx, wrap, self.signalled.clone());
    }

    /// Size of the terminal in columns and rows.
    pub fn size(&self) -> (u16, u16) {
        crossterm::terminal::size().unwrap_or((80, 24))
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
    }
}

#[cfg(unix)]
fn spawn_signal_thread<M: Send + 'static>(
    tx: Sender<M>,
    wrap: fn(Incoming) -> M,
    flag: Arc<AtomicBool>,
) {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    for sig in [SIGTERM, SIGHUP] {
        let _ = signal_hook::flag::register(sig, flag.clone());
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("tui-signals".into())
        .spawn(move || {
            for _ in signals.forever() {
                if tx.send(wrap(Incoming::Signal)).is_err() {
                    break;
                }
            }
        });
}

#[cfg(not(unix))]
fn spawn_signal_thread<M: Send + 'static>(
    _tx: Sender<M>,
    _wrap: fn(Incoming) -> M,
    _flag: Arc<AtomicBool>,
) {
}

/// Turns off every mode [`Tui::enter`] turned on. Safe to call more than once and from any
/// thread; does nothing when the terminal is not in wizard mode.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Copies `text` to the clipboard of the terminal (and of the machine the terminal runs on,
/// over ssh too) with the OSC 52 escape sequence. Terminals that do not support it ignore it.
pub fn copy_to_clipboard(text: &str) -> io::Result<()> {
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
    out.flush()
}

/// Standard base64 with padding (RFC 4648), for OSC 52.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ABC[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc_4648() {
        use super::base64;
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
