//! History, one attempt in full (with its recording's outline for the waveform), notes,
//! progress, and exports.

use super::{blocking, msg, CmdResult};
use crate::state::{lock, AppState};
use rehearse::analysis::report::Report;
use rehearse::questions;
use rehearse::render::{write_document, DocumentFormat, DocumentInput};
use rehearse::store::{
    Attempt, AttemptFilter, AttemptId, AttemptSummary, CardAttempt, ExportFormat, ImportReport,
    Note, NoteId, NoteUpdate, ProgressQuery, ProgressReport, Suggestion,
};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};

#[derive(Debug, Default, Deserialize)]
pub struct AttemptQuery {
    pub card_id: Option<String>,
    pub search: Option<String>,
    pub limit: Option<usize>,
}

#[tauri::command]
pub fn list_attempts(
    state: State<'_, AppState>,
    query: AttemptQuery,
) -> CmdResult<Vec<AttemptSummary>> {
    let store = lock(&state.store);
    store
        .list(&AttemptFilter {
            card_id: query.card_id,
            search: query.search.filter(|s| !s.trim().is_empty()),
            limit: query.limit,
            ..AttemptFilter::default()
        })
        .map_err(msg)
}

#[derive(Debug, Serialize)]
pub struct AttemptDetail {
    #[serde(flatten)]
    pub attempt: Attempt,
    /// The recording's absolute path (for the asset protocol), when the file exists.
    pub recording_abs: Option<PathBuf>,
}

fn recording_of(state: &AppState, a: &AttemptSummary) -> Option<PathBuf> {
    let rel = a.recording_path.as_deref()?;
    let store = lock(&state.store);
    store.recording_abs_path(rel).ok().filter(|p| p.is_file())
}

#[tauri::command]
pub fn get_attempt(state: State<'_, AppState>, id: i64) -> CmdResult<AttemptDetail> {
    let attempt = lock(&state.store).get(AttemptId(id)).map_err(msg)?;
    let recording_abs = recording_of(&state, &attempt.summary);
    Ok(AttemptDetail {
        attempt,
        recording_abs,
    })
}

#[derive(Debug, Serialize)]
pub struct Peaks {
    pub peaks: Vec<f32>,
    pub duration_s: f64,
}

/// The recording's loudest sample per bucket: the waveform without decoding audio in the page.
#[tauri::command]
pub async fn attempt_peaks(app: AppHandle, id: i64, buckets: usize) -> CmdResult<Peaks> {
    blocking(move || {
        let state = app.state::<AppState>();
        let summary = lock(&state.store).summary(AttemptId(id)).map_err(msg)?;
        let path = recording_of(&state, &summary).ok_or("this attempt's recording is missing")?;
        let samples = rehearse::audio::wav::read_16k_mono(&path).map_err(msg)?;
        let buckets = buckets.clamp(1, 20_000);
        let per = samples.len().div_ceil(buckets).max(1);
        let peaks = samples
            .chunks(per)
            .map(|c| c.iter().fold(0f32, |m, s| m.max(s.abs())).min(1.0))
            .collect();
        Ok(Peaks {
            peaks,
            duration_s: samples.len() as f64 / 16_000.0,
        })
    })
    .await
}

#[tauri::command]
pub fn delete_attempt(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    lock(&state.store)
        .delete_attempt(AttemptId(id))
        .map(|_| ())
        .map_err(msg)
}

#[tauri::command]
pub fn add_note(
    state: State<'_, AppState>,
    attempt_id: i64,
    at_s: Option<f64>,
    text: String,
) -> CmdResult<Note> {
    lock(&state.store)
        .add_note(AttemptId(attempt_id), at_s, &text)
        .map_err(msg)
}

#[tauri::command]
pub fn update_note(
    state: State<'_, AppState>,
    id: i64,
    text: String,
    at_s: Option<f64>,
) -> CmdResult<Note> {
    lock(&state.store)
        .update_note(
            NoteId(id),
            &NoteUpdate {
                text: Some(text),
                at_s: Some(at_s),
            },
        )
        .map_err(msg)
}

#[tauri::command]
pub fn delete_note(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    lock(&state.store).delete_note(NoteId(id)).map_err(msg)
}

#[derive(Debug, Default, Deserialize)]
pub struct ProgressArgs {
    pub card_id: Option<String>,
    pub category: Option<String>,
    pub days: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct ProgressView {
    pub progress: ProgressReport,
    pub practise_next: Vec<Suggestion>,
}

#[tauri::command]
pub async fn get_progress(app: AppHandle, query: ProgressArgs) -> CmdResult<ProgressView> {
    blocking(move || {
        let cards = questions::all().map_err(msg)?.cards;
        let card_ids = query.category.as_ref().map(|cat| {
            cards
                .iter()
                .filter(|(c, _)| c.category.to_string() == *cat)
                .map(|(c, _)| c.id.to_string())
                .collect::<Vec<_>>()
        });
        let mut q = ProgressQuery {
            card_id: query.card_id,
            card_ids,
            ..ProgressQuery::default()
        };
        if let Some(days) = query.days {
            q.since = Some(q.now - chrono::Duration::days(i64::from(days)));
        }
        let ids: Vec<String> = cards.iter().map(|(c, _)| c.id.to_string()).collect();
        let state = app.state::<AppState>();
        let store = lock(&state.store);
        Ok(ProgressView {
            progress: store.progress(&q).map_err(msg)?,
            practise_next: store.practise_next(&ids, q.now).map_err(msg)?,
        })
    })
    .await
}

#[tauri::command]
pub fn card_attempts(state: State<'_, AppState>, card_id: String) -> CmdResult<Vec<CardAttempt>> {
    lock(&state.store).card_attempts(&card_id).map_err(msg)
}

#[tauri::command]
pub async fn export_data(app: AppHandle, path: PathBuf, format: String) -> CmdResult<usize> {
    let format = match format.as_str() {
        "json" => ExportFormat::Json,
        "csv" => ExportFormat::Csv,
        other => return Err(format!("unknown export format {other:?}: use json or csv")),
    };
    blocking(move || {
        let state = app.state::<AppState>();
        let store = lock(&state.store);
        store.export(format, &path).map_err(msg)
    })
    .await
}

#[tauri::command]
pub async fn import_data(app: AppHandle, path: PathBuf) -> CmdResult<ImportReport> {
    blocking(move || {
        let state = app.state::<AppState>();
        let store = lock(&state.store);
        store.import(&path).map_err(msg)
    })
    .await
}

/// Writes one attempt's report as Markdown or a self-contained HTML file.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    id: i64,
    path: PathBuf,
    format: String,
) -> CmdResult<()> {
    let format: DocumentFormat = format.parse().map_err(msg)?;
    blocking(move || {
        let state = app.state::<AppState>();
        let attempt = lock(&state.store).get(AttemptId(id)).map_err(msg)?;
        let value = attempt
            .report
            .ok_or("this attempt has no report yet (it was not analysed)")?;
        let report: Report = serde_json::from_value(value)
            .map_err(|e| format!("the stored report could not be read: {e}"))?;
        let input = DocumentInput {
            report: &report,
            taken_at: Some(attempt.summary.started_at),
            utc_offset_s: attempt.summary.utc_offset_s,
            notes: &attempt.notes,
        };
        write_document(&input, format, &path).map_err(msg)
    })
    .await
}
