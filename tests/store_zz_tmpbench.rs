#[test]
fn tmp_bench() {
    let path = std::path::Path::new("/tmp/storebench/rehearse.db");
    if !path.exists() {
        let store = rehearse::store::Store::open(path).unwrap();
        let t = std::time::Instant::now();
        rehearse::store::bench::seed(&store, 10_000, 7).unwrap();
        eprintln!("seed {:?}", t.elapsed());
    }
    for _ in 0..2 {
        let t = std::time::Instant::now();
        let store = rehearse::store::Store::open(path).unwrap();
        eprintln!("open {:?}", t.elapsed());
        let times = rehearse::store::bench::time_queries(&store, 7).unwrap();
        eprintln!("{}", serde_json::to_string(&times).unwrap());
    }
    let conn = rusqlite::Connection::open(path).unwrap();
    for q in ["SELECT local_day, COUNT(*), TOTAL(duration_s), MIN(started_at_ms), MAX(started_at_ms), COUNT(wpm), TOTAL(wpm), MIN(wpm), MAX(wpm) FROM attempts WHERE status = 'done' AND started_at_ms >= 0 AND started_at_ms < 99999999999999 GROUP BY local_day ORDER BY local_day",
              "SELECT DISTINCT local_day FROM attempts WHERE status = 'done' ORDER BY local_day",
              "SELECT card_id, started_at_ms, COALESCE(overall_score, content_score, delivery_score) FROM attempts WHERE status = 'done' AND card_id IS NOT NULL ORDER BY local_day, started_at_ms, id"] {
        let plan: Vec<String> = conn.prepare(&format!("EXPLAIN QUERY PLAN {q}")).unwrap().query_map([], |r| r.get::<_, String>(3)).unwrap().map(Result::unwrap).collect();
        eprintln!("{plan:?}");
    }
}
