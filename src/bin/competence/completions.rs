//! `competence completions SHELL` and `competence man`: generated from the argument
//! definitions by clap's own generators, so they never drift from the command line.

use crate::{Cli, Outcome, output};
use clap::CommandFactory;
use clap_complete::Shell;
use std::path::PathBuf;

/// Arguments of `competence completions`.
#[derive(clap::Args)]
#[command(after_long_help = "\
Install, for example:
  bash:       competence completions bash > ~/.local/share/bash-completion/completions/competence
  zsh:        competence completions zsh > ~/.zfunc/_competence   (with fpath+=(~/.zfunc) in ~/.zshrc)
  fish:       competence completions fish > ~/.config/fish/completions/competence.fish
  powershell: competence completions powershell >> $PROFILE
  elvish:     competence completions elvish >> ~/.config/elvish/rc.elv")]
pub struct CompletionArgs {
    /// The shell to write a completion script for.
    #[arg(value_enum)]
    shell: Shell,
}

/// Arguments of `competence man`.
#[derive(clap::Args)]
#[command(after_long_help = "\
Install every page, for example:
  for page in competence check resolve assess diff list new schema completions man; do
    name=competence-$page; [ $page = competence ] && { name=competence; page=; }
    competence man $page -o ~/.local/share/man/man1/$name.1
  done")]
pub struct ManArgs {
    /// The subcommand whose page to print (`competence-check(1)`); none: the main page.
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
    /// Write the page to FILE instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn completions(args: CompletionArgs) -> Result<Outcome, output::Error> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "competence", &mut script);
    output::stdout(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Success)
}

pub fn man(args: ManArgs) -> Result<Outcome, output::Error> {
    let mut command = Cli::command();
    // Building names the subcommands as their pages (`competence-check`).
    command.build();
    let command = match &args.command {
        None => command,
        Some(name) => command
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| format!("no subcommand `{name}`; see `competence --help`"))?,
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .source(concat!("competence ", env!("CARGO_PKG_VERSION")))
        .render(&mut page)?;
    let page = String::from_utf8_lossy(&page);
    match args.output {
        Some(path) => output::file(&path, &page, &output::Inputs::new())?,
        None => output::stdout(&page)?,
    }
    Ok(Outcome::Success)
}
