//! Writes the corpora of `benches/scale.sh` (issue 13): generated, valid framework files.
//!
//! ```sh
//! cargo run --release --example scale_corpus -- DIR small    # 200 files, about 4.5 MB
//! cargo run --release --example scale_corpus -- DIR large    # 50 files, about 27 MB
//! cargo run --release --example scale_corpus -- DIR huge     # one framework, about 35 MB
//! cargo run --release --example scale_corpus -- DIR chain D  # a 2,000-competency base and D chained tailorings
//! ```
//!
//! Every framework has its own id, so a directory of them is one catalog with no duplicates.

use std::path::Path;

#[path = "../benches/support/mod.rs"]
mod support;

/// A valid framework `id` of `domains` x `per_domain` competencies (four indicators each,
/// `requires` chains): about 700 bytes of YAML per competency.
fn framework(id: &str, domains: usize, per_domain: usize) -> String {
    support::framework_with_id(id, domains, per_domain)
}

/// Tailoring `level` of a chain over `generated` (`benches/support`).
fn tailoring(level: usize) -> String {
    support::chain_tailoring(level)
}

fn write(dir: &Path, name: &str, text: &str) -> std::io::Result<()> {
    std::fs::write(dir.join(name), text)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: scale_corpus DIR small|large|huge|chain D";
    let (Some(dir), Some(what)) = (args.first(), args.get(1)) else {
        return Err(usage.into());
    };
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir)?;
    match what.as_str() {
        "small" => {
            for i in 0..200 {
                let id = format!("small-{i:03}");
                write(dir, &format!("{id}.yaml"), &framework(&id, 2, 16))?;
            }
        }
        "large" => {
            for i in 0..50 {
                let id = format!("large-{i:02}");
                write(dir, &format!("{id}.yaml"), &framework(&id, 22, 35))?;
            }
        }
        "huge" => write(dir, "huge.yaml", &framework("huge", 100, 500))?,
        "chain" => {
            let depth: usize = args.get(2).ok_or(usage)?.parse()?;
            if depth > 16 {
                return Err("a chain is at most 16 tailorings deep".into());
            }
            write(dir, "generated.yaml", &framework("generated", 40, 50))?;
            for level in 1..=depth {
                write(dir, &format!("team-{level:02}.yaml"), &tailoring(level))?;
            }
        }
        _ => return Err(usage.into()),
    }
    Ok(())
}
