//! Writes the benches' generated cohort to files, for timing the command line
//! (`benches/cli_cohort.sh`): `DIR/catalog/big.yaml`, a 300-competency framework whose role
//! `worker` targets all 300, and `DIR/cohort-N.jsonl`, N learners with 80 claims each.
//!
//! `cargo run --release --example cohort_input -- DIR N`

#[path = "../benches/common/cohort.rs"]
mod cohort_data;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next()) else {
        return Err("usage: cohort_input DIR LEARNERS".into());
    };
    let dir = PathBuf::from(dir);
    let learners: usize = n.parse()?;
    std::fs::create_dir_all(dir.join("catalog"))?;
    std::fs::write(dir.join("catalog/big.yaml"), cohort_data::framework_yaml())?;
    std::fs::write(
        dir.join(format!("cohort-{learners}.jsonl")),
        cohort_data::cohort(learners),
    )?;
    Ok(())
}
