//! Whisper's vocabulary as whisper.cpp wants it: the raw bytes of each byte-level BPE token.
//!
//! Hugging Face / CTranslate2 files store GPT-2 byte-level tokens as printable strings, where
//! every byte was mapped to a visible Unicode character (a space becomes `Ġ`, a newline `Ċ`).
//! whisper.cpp needs the original bytes, and only the ordinary tokens: it creates
//! `<|endoftext|>` and the other special tokens itself from the model's `n_vocab`.

use std::collections::HashMap;
use std::path::Path;

use super::ConvertError;

/// The token every Whisper vocabulary's special block starts with.
pub const END_OF_TEXT: &str = "<|endoftext|>";

/// GPT-2's `bytes_to_unicode`: the character that stands for each byte.
pub fn byte_to_char_table() -> [char; 256] {
    let printable = |b: u32| {
        (u32::from('!')..=u32::from('~')).contains(&b)
            || (u32::from('¡')..=u32::from('¬')).contains(&b)
            || (u32::from('®')..=u32::from('ÿ')).contains(&b)
    };
    let mut table = ['\0'; 256];
    let mut shifted = 0u32;
    for b in 0..256u32 {
        let c = if printable(b) {
            b
        } else {
            shifted += 1;
            255 + shifted
        };
        table[b as usize] = char::from_u32(c).expect("all code points below 0x200 are chars");
    }
    table
}

/// The inverse map: printable character → original byte.
pub fn char_to_byte_map() -> HashMap<char, u8> {
    byte_to_char_table()
        .iter()
        .enumerate()
        .map(|(b, &c)| (c, b as u8))
        .collect()
}

/// Decodes one byte-level token string back to its bytes; `None` if it holds a character
/// outside GPT-2's 256-character alphabet (i.e. it is not a byte-level token).
pub fn decode_token(token: &str, map: &HashMap<char, u8>) -> Option<Vec<u8>> {
    token.chars().map(|c| map.get(&c).copied()).collect()
}

/// Encodes bytes as a byte-level token string (the inverse of [`decode_token`]).
pub fn encode_token(bytes: &[u8]) -> String {
    let table = byte_to_char_table();
    bytes.iter().map(|&b| table[b as usize]).collect()
}

/// Reads the model folder's vocabulary (tokenizer.json, else vocabulary.json, else
/// vocabulary.txt) and returns the bytes of every ordinary token, in id order.
pub fn read_vocab_dir(dir: &Path) -> Result<Vec<Vec<u8>>, ConvertError> {
    let candidates = ["tokenizer.json", "vocabulary.json", "vocabulary.txt"];
    let Some(path) = candidates
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
    else {
        return Err(ConvertError::MissingFile {
            dir: dir.to_path_buf(),
            file: candidates.join(" or "),
        });
    };
    let text = std::fs::read_to_string(&path).map_err(|source| ConvertError::Io {
        path: path.clone(),
        source,
    })?;
    let by_id = match path.file_name().and_then(|n| n.to_str()) {
        Some("tokenizer.json") => tokens_from_tokenizer_json(&text),
        Some("vocabulary.json") => serde_json::from_str::<Vec<String>>(&text)
            .map_err(|e| format!("not a JSON list of tokens: {e}")),
        _ => Ok(text.lines().map(str::to_owned).collect()),
    }
    .map_err(|reason| ConvertError::BadVocabulary {
        path: path.clone(),
        reason,
    })?;
    ordinary_token_bytes(&by_id).map_err(|reason| ConvertError::BadVocabulary { path, reason })
}

/// Token strings indexed by id from a Hugging Face `tokenizer.json` (BPE model plus added tokens).
pub fn tokens_from_tokenizer_json(text: &str) -> Result<Vec<String>, String> {
    #[derive(serde::Deserialize)]
    struct Added {
        id: usize,
        content: String,
    }
    #[derive(serde::Deserialize)]
    struct Model {
        vocab: HashMap<String, usize>,
    }
    #[derive(serde::Deserialize)]
    struct Tokenizer {
        model: Model,
        #[serde(default)]
        added_tokens: Vec<Added>,
    }
    let tok: Tokenizer = serde_json::from_str(text)
        .map_err(|e| format!("not a tokenizer.json with a BPE vocab: {e}"))?;
    let pairs = tok
        .model
        .vocab
        .into_iter()
        .map(|(s, id)| (id, s))
        .chain(tok.added_tokens.into_iter().map(|a| (a.id, a.content)));
    let mut by_id: Vec<Option<String>> = Vec::new();
    for (id, s) in pairs {
        if id >= by_id.len() {
            by_id.resize(id + 1, None);
        }
        match &by_id[id] {
            Some(existing) if *existing != s => {
                return Err(format!("token id {id} is both {existing:?} and {s:?}"))
            }
            _ => by_id[id] = Some(s),
        }
    }
    by_id
        .into_iter()
        .enumerate()
        .map(|(id, s)| {
            s.ok_or_else(|| format!("token id {id} is missing (ids must be contiguous)"))
        })
        .collect()
}

/// The bytes of the ordinary tokens: every id before `<|endoftext|>`.
pub fn ordinary_token_bytes(by_id: &[String]) -> Result<Vec<Vec<u8>>, String> {
    let eot = by_id
        .iter()
        .position(|t| t == END_OF_TEXT)
        .ok_or_else(|| format!("no {END_OF_TEXT} token: not a Whisper vocabulary"))?;
    let map = char_to_byte_map();
    by_id[..eot]
        .iter()
        .enumerate()
        .map(|(id, t)| {
            decode_token(t, &map)
                .ok_or_else(|| format!("token {id} ({t:?}) is not a GPT-2 byte-level token"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_table_matches_gpt2() {
        let t = byte_to_char_table();
        assert_eq!(t[b'!' as usize], '!');
        assert_eq!(t[b'a' as usize], 'a');
        assert_eq!(t[b' ' as usize], 'Ġ'); // U+0120
        assert_eq!(t[b'\n' as usize], 'Ċ'); // U+010A
        assert_eq!(t[0], 'Ā'); // U+0100: the first unprintable byte
        assert_eq!(t[0x7f], 'ġ'); // DEL, U+0121
        assert_eq!(t[0xad], 'Ń'); // soft hyphen, the last shifted byte (U+0143)
        assert_eq!(t[0xff], 'ÿ');
        let distinct: std::collections::HashSet<char> = t.iter().copied().collect();
        assert_eq!(distinct.len(), 256);
    }

    #[test]
    fn decodes_byte_level_tokens() {
        let map = char_to_byte_map();
        assert_eq!(decode_token("Ġhello", &map).unwrap(), b" hello");
        assert_eq!(decode_token("ĊĊ", &map).unwrap(), b"\n\n");
        // "é" in UTF-8 is C3 A9, which byte-level BPE writes as "Ã©".
        assert_eq!(decode_token("Ã©", &map).unwrap(), "é".as_bytes());
        assert_eq!(decode_token("Ġ日本", &map), None);
    }

    #[test]
    fn encode_and_decode_are_inverse_for_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let map = char_to_byte_map();
        assert_eq!(decode_token(&encode_token(&all), &map).unwrap(), all);
    }

    #[test]
    fn reads_tokenizer_json_and_stops_at_end_of_text() {
        let json = r#"{"model": {"type": "BPE", "vocab": {"!": 0, "Ġthe": 2, "a": 1}},
            "added_tokens": [{"id": 3, "content": "<|endoftext|>"}, {"id": 4, "content": "<|en|>"}]}"#;
        let by_id = tokens_from_tokenizer_json(json).unwrap();
        assert_eq!(by_id, ["!", "a", "Ġthe", "<|endoftext|>", "<|en|>"]);
        let bytes = ordinary_token_bytes(&by_id).unwrap();
        assert_eq!(bytes, vec![b"!".to_vec(), b"a".to_vec(), b" the".to_vec()]);
    }

    #[test]
    fn rejects_gaps_and_missing_end_of_text() {
        let gap = r#"{"model": {"vocab": {"!": 0, "a": 2}}}"#;
        let err = tokens_from_tokenizer_json(gap).unwrap_err();
        assert!(err.contains("token id 1 is missing"), "{err}");
        let err = ordinary_token_bytes(&["a".into(), "b".into()]).unwrap_err();
        assert!(err.contains("no <|endoftext|>"), "{err}");
    }
}
