//! Embeds every card file of the question bank so the binary needs no data files at run time.
//!
//! A generated list of `include_str!` entries (rather than a directory-embedding crate) lets
//! Cargo rebuild when a card is added or removed: `rerun-if-changed` on a directory scans it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let bank = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/questions/bank");
    println!("cargo:rerun-if-changed={}", bank.display());

    let mut files: Vec<_> = std::fs::read_dir(&bank)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();

    let mut out = String::from("pub(crate) static BANK_FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("bank_files.rs");
    std::fs::write(dest, out).unwrap();
}
