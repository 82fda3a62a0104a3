#[test]
fn tmp_bench() {
    let path = std::path::Path::new("/tmp/storebench/rehearse.db");
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "cache_size", -16384).unwrap();
    let w = "status = 'done' AND started_at_ms >= -9223372036854775808 AND started_at_ms < 9223372036854775807";
    let day = "((started_at_ms / 1000 + 0) / 86400)";
    let cols = ["wpm","articulation_wpm","fillers_per_min","long_pauses_per_min","delivery_score","content_score","overall_score"];
    let full: Vec<String> = cols.iter().map(|c| format!("COUNT({c}), TOTAL({c}), MIN({c}), MAX({c})")).collect();
    let lean: Vec<String> = cols.iter().map(|c| format!("COUNT({c}), TOTAL({c})")).collect();
    let queries = vec![
        format!("SELECT {day} AS day, COUNT(*), TOTAL(duration_s), MIN(started_at_ms), MAX(started_at_ms), {} FROM attempts WHERE {w} GROUP BY day ORDER BY day", full.join(",")),
        format!("SELECT {day} AS day, COUNT(*), TOTAL(duration_s), MIN(started_at_ms), MAX(started_at_ms), {} FROM attempts WHERE {w} GROUP BY day ORDER BY day", lean.join(",")),
        format!("SELECT COUNT(DISTINCT card_id) FROM attempts WHERE {w}"),
        format!("SELECT COUNT(*) FROM attempts WHERE {w}"),
        format!("SELECT {day} AS day, COUNT(*) FROM attempts WHERE {w} GROUP BY day"),
        format!("SELECT id, card_id, started_at_ms, duration_s, fillers_per_min, long_pauses_per_min, delivery_score, content_score, overall_score FROM attempts WHERE {w} ORDER BY started_at_ms, id"),
    ];
    for q in &queries {
        let mut times = vec![];
        for _ in 0..7 {
            let t = std::time::Instant::now();
            let mut stmt = conn.prepare_cached(q).unwrap();
            let n = stmt.query_map([], |_| Ok(())).unwrap().count();
            std::hint::black_box(n);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        eprintln!("{:>8.2} ms  {}", times[3], &q[..q.len().min(100)]);
    }
}
