//! What a run says on standard error while it assesses: a progress line on a terminal, a
//! one-line summary when stderr is a file or a pipe, or one line per learner with
//! `--verbose`.

use competence::assess::Assessment;
use competence::report;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A progress line, redrawn in place, then the summary (stderr is a terminal).
    Bar,
    /// Only the summary at the end (stderr is a file or a pipe: a log keeps one line).
    Summary,
    /// One line per learner (`--verbose`), then the summary.
    Verbose,
}

impl Mode {
    /// The mode for a run: `--verbose` wins; otherwise a bar only on a terminal.
    pub fn choose(verbose: bool, terminal: bool) -> Mode {
        if verbose {
            Mode::Verbose
        } else if terminal {
            Mode::Bar
        } else {
            Mode::Summary
        }
    }
}

/// Progress over one run.
pub struct Progress {
    mode: Mode,
    bar: Option<ProgressBar>,
    assessed: u64,
}

impl Progress {
    /// Progress on standard error, as [`Mode::choose`] decides for it.
    pub fn new(verbose: bool) -> Progress {
        let mode = Mode::choose(verbose, std::io::stderr().is_terminal());
        let bar = (mode == Mode::Bar).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {human_pos} learners assessed ({rate}, {elapsed})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner())
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write| {
                        let _ = write!(out, "{:.0} a second", state.per_sec());
                    },
                ),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            mode,
            bar,
            assessed: 0,
        }
    }

    /// One more learner assessed.
    pub fn assessed(&mut self, assessment: &Assessment) {
        self.assessed += 1;
        match (&self.bar, self.mode) {
            (Some(bar), _) => bar.inc(1),
            (None, Mode::Verbose) => eprintln!("{}", report::summary_line(assessment)),
            (None, _) => {}
        }
    }

    /// A message on stderr, above the progress line when there is one.
    pub fn say(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    /// Text as it is (its own line ends) on stderr, above the progress line when there is
    /// one.
    pub fn print(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprint!("{text}")),
            None => eprint!("{text}"),
        }
    }

    /// Clears the progress line and prints the summary.
    pub fn finish(&mut self, not_ready: usize, role: bool) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        eprintln!("{}", summary(self.assessed, not_ready, role));
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// The summary line: how many were assessed and, for a role, how many are ready.
fn summary(assessed: u64, not_ready: usize, role: bool) -> String {
    let learners = if assessed == 1 { "learner" } else { "learners" };
    if role {
        format!(
            "assessed {assessed} {learners}: {} ready for the role, {not_ready} working towards it",
            assessed.saturating_sub(not_ready as u64)
        )
    } else {
        format!("assessed {assessed} {learners}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_on_a_terminal_and_never_with_verbose() {
        assert_eq!(Mode::choose(false, true), Mode::Bar);
        assert_eq!(Mode::choose(false, false), Mode::Summary);
        assert_eq!(Mode::choose(true, true), Mode::Verbose);
        assert_eq!(Mode::choose(true, false), Mode::Verbose);
    }

    #[test]
    fn the_summary_counts_learners_and_readiness() {
        assert_eq!(
            summary(3, 1, true),
            "assessed 3 learners: 2 ready for the role, 1 working towards it"
        );
        assert_eq!(summary(1, 0, false), "assessed 1 learner");
    }
}
