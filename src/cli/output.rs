//! Writing to stdout without a panic when the reader stops early
//! (`frontline analyse x.ron | head -1`): `println!` panics on a closed pipe,
//! these return [`Closed`] instead and the command ends quietly.

use std::io::Write;

/// Stdout is closed (or failed); stop printing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Closed;

/// Writes `text` to stdout and flushes it.
pub fn emit(text: &str) -> Result<(), Closed> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) => {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                let _ = writeln!(std::io::stderr(), "error: cannot write the output: {e}");
            }
            Err(Closed)
        }
    }
}

/// Writes `text` and a newline to stdout.
pub fn line(text: &str) -> Result<(), Closed> {
    emit(&format!("{text}\n"))
}
