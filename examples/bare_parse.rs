//! The baselines of `benches/scale.sh`: a bare YAML parse of each file named, with no
//! checking. One thread; compare CPU time.
//!
//! ```sh
//! cargo run --release --example bare_parse -- FILE…           # serde_yaml into a Value
//! cargo run --release --example bare_parse -- --events FILE…  # saphyr-parser's events only
//! ```
//!
//! The first is the budget's baseline (DESIGN.md: `check` costs at most 1.2x parsing the
//! same files with the YAML parser alone). The second is the floor of any checker built on
//! saphyr-parser's event stream: the events alone, with no tree or typed value built.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let events = args.first().is_some_and(|a| a == "--events");
    if events {
        args.remove(0);
    }
    let mut count = 0usize;
    for file in args {
        let text = std::fs::read_to_string(&file)?;
        if events {
            for event in saphyr_parser::Parser::new_from_str(&text) {
                drop(std::hint::black_box(event?));
                count += 1;
            }
        } else {
            for document in serde_yaml::Deserializer::from_str(&text) {
                let value = <serde_yaml::Value as serde::Deserialize>::deserialize(document)?;
                drop(std::hint::black_box(value));
                count += 1;
            }
        }
    }
    eprintln!("{count} {}", if events { "events" } else { "documents" });
    Ok(())
}
