#[test]
fn tmp_bench() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rehearse.db");
    let store = rehearse::store::Store::open(&path).unwrap();
    let t = std::time::Instant::now();
    rehearse::store::bench::seed(&store, 10_000, 7).unwrap();
    eprintln!("seed: {:?}, db size {} MB", t.elapsed(), std::fs::metadata(&path).unwrap().len() / 1_000_000);
    let times = rehearse::store::bench::time_queries(&store, 5).unwrap();
    eprintln!("{}", serde_json::to_string_pretty(&times).unwrap());
    drop(store);
    let t = std::time::Instant::now();
    let s = rehearse::store::Store::open(&path).unwrap();
    eprintln!("reopen (quick_check): {:?}", t.elapsed());
    let times = rehearse::store::bench::time_queries(&s, 5).unwrap();
    eprintln!("{}", serde_json::to_string_pretty(&times).unwrap());
}
