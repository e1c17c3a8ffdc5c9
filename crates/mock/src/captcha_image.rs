//! FancyCaptcha's image side: the PNG that shows a captcha's word (drawn from `captcha`'s
//! letters) (a 5×7
//! bitmap font, written as an uncompressed PNG: zlib "stored" blocks, CRC-32 and Adler-32 by
//! hand), `Special:Captcha/image` on `/index.php` (the image of a captcha stored in the caller's
//! session, as FancyCaptcha::showImage serves it), and the mock-only `/_mwcheck/captcha?id=ID`
//! that tells a test the answer of any stored captcha.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Response, StatusCode, header};

use super::session::RequestSession;
use super::settings::CaptchaStyle;
use super::{Shared, plain, read_request, unix_now};

/// Rows of a 5×7 glyph, the leftmost pixel in bit 4.
fn glyph(letter: char) -> Option<[u8; 7]> {
    let rows = match letter {
        'a' => [
            0b00000, 0b00000, 0b01110, 0b00001, 0b01111, 0b10001, 0b01111,
        ],
        'b' => [
            0b10000, 0b10000, 0b10110, 0b11001, 0b10001, 0b10001, 0b11110,
        ],
        'c' => [
            0b00000, 0b00000, 0b01110, 0b10000, 0b10000, 0b10001, 0b01110,
        ],
        'd' => [
            0b00001, 0b00001, 0b01101, 0b10011, 0b10001, 0b10001, 0b01111,
        ],
        'e' => [
            0b00000, 0b00000, 0b01110, 0b10001, 0b11111, 0b10000, 0b01110,
        ],
        'f' => [
            0b00110, 0b01001, 0b01000, 0b11100, 0b01000, 0b01000, 0b01000,
        ],
        'g' => [
            0b00000, 0b01111, 0b10001, 0b10001, 0b01111, 0b00001, 0b01110,
        ],
        'h' => [
            0b10000, 0b10000, 0b10110, 0b11001, 0b10001, 0b10001, 0b10001,
        ],
        'i' => [
            0b00100, 0b00000, 0b01100, 0b00100, 0b00100, 0b00100, 0b01110,
        ],
        'j' => [
            0b00010, 0b00000, 0b00110, 0b00010, 0b00010, 0b10010, 0b01100,
        ],
        'k' => [
            0b10000, 0b10000, 0b10010, 0b10100, 0b11000, 0b10100, 0b10010,
        ],
        'l' => [
            0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110,
        ],
        'm' => [
            0b00000, 0b00000, 0b11010, 0b10101, 0b10101, 0b10001, 0b10001,
        ],
        'n' => [
            0b00000, 0b00000, 0b10110, 0b11001, 0b10001, 0b10001, 0b10001,
        ],
        'o' => [
            0b00000, 0b00000, 0b01110, 0b10001, 0b10001, 0b10001, 0b01110,
        ],
        'p' => [
            0b00000, 0b00000, 0b11110, 0b10001, 0b11110, 0b10000, 0b10000,
        ],
        'q' => [
            0b00000, 0b00000, 0b01101, 0b10011, 0b01111, 0b00001, 0b00001,
        ],
        'r' => [
            0b00000, 0b00000, 0b10110, 0b11001, 0b10000, 0b10000, 0b10000,
        ],
        's' => [
            0b00000, 0b00000, 0b01110, 0b10000, 0b01110, 0b00001, 0b11110,
        ],
        't' => [
            0b01000, 0b01000, 0b11100, 0b01000, 0b01000, 0b01001, 0b00110,
        ],
        'u' => [
            0b00000, 0b00000, 0b10001, 0b10001, 0b10001, 0b10011, 0b01101,
        ],
        'v' => [
            0b00000, 0b00000, 0b10001, 0b10001, 0b10001, 0b01010, 0b00100,
        ],
        'w' => [
            0b00000, 0b00000, 0b10001, 0b10001, 0b10101, 0b10101, 0b01010,
        ],
        'x' => [
            0b00000, 0b00000, 0b10001, 0b01010, 0b00100, 0b01010, 0b10001,
        ],
        'y' => [
            0b00000, 0b00000, 0b10001, 0b10001, 0b01111, 0b00001, 0b01110,
        ],
        'z' => [
            0b00000, 0b00000, 0b11111, 0b00010, 0b00100, 0b01000, 0b11111,
        ],
        _ => return None,
    };
    Some(rows)
}

const SCALE: usize = 3;
const MARGIN: usize = 6;
/// A glyph's width plus one column of spacing, in font pixels.
const ADVANCE: usize = 6;

/// The word drawn black on white as an 8-bit greyscale PNG (characters the font lacks are left
/// blank).
pub fn png(word: &str) -> Vec<u8> {
    let letters: Vec<char> = word.chars().collect();
    let width = 2 * MARGIN + letters.len().max(1) * ADVANCE * SCALE;
    let height = 2 * MARGIN + 7 * SCALE;
    let mut pixels = vec![255u8; width * height];
    for (index, letter) in letters.iter().enumerate() {
        let Some(rows) = glyph(*letter) else { continue };
        let left = MARGIN + index * ADVANCE * SCALE;
        for (row, bits) in rows.iter().enumerate() {
            for column in 0..5 {
                if bits & (0b10000 >> column) == 0 {
                    continue;
                }
                for dy in 0..SCALE {
                    let y = MARGIN + row * SCALE + dy;
                    let x = left + column * SCALE;
                    pixels[y * width + x..y * width + x + SCALE].fill(0);
                }
            }
        }
    }
    // Each scanline starts with filter type 0 (None).
    let mut raw = Vec::with_capacity((width + 1) * height);
    for line in pixels.chunks(width) {
        raw.push(0);
        raw.extend_from_slice(line);
    }
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&(width as u32).to_be_bytes());
    header.extend_from_slice(&(height as u32).to_be_bytes());
    // Bit depth 8, colour type 0 (greyscale), deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of uncompressed deflate blocks (RFC 1950/1951).
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    // CMF 0x78 (deflate, 32K window), FLG 0x01 (no dictionary; 0x7801 is a multiple of 31).
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(0xffff).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// CRC-32 (ISO-HDLC, the one PNG uses), bit by bit.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// `/index.php`: only `title=Special:Captcha/image` is served, and only with FancyCaptcha
/// configured (anything else is the mock's usual 404). The captcha must be stored in the
/// session the request's cookie names; anything else is FancyCaptcha's 400.
pub(super) async fn index_handler(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response<Body> {
    let req = read_request(peer, request).await;
    let config = &shared.config;
    let fancy = config
        .captcha
        .as_ref()
        .is_some_and(|c| c.style == CaptchaStyle::FancyImage);
    if !fancy || req.get("title") != Some("Special:Captcha/image") {
        return plain(StatusCode::NOT_FOUND, "Not Found\n");
    }
    let cookie = req.cookie(&format!("{}_session", config.cookie_prefix));
    let word = {
        let inner = shared.lock();
        let session = RequestSession::load(
            &inner.sessions,
            cookie.as_deref(),
            None,
            unix_now(),
            config.session_expiry,
        );
        req.get("wpCaptchaId")
            .and_then(|id| session.data.captcha.answer(id))
            .map(str::to_owned)
    };
    let Some(word) = word else {
        return plain(StatusCode::BAD_REQUEST, "Requested bogus captcha image\n");
    };
    let mut resp = Response::new(Body::from(png(&word)));
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, s-maxage=0, max-age=3600"),
    );
    resp
}

/// `/_mwcheck/captcha?id=ID`: `{"id": ID, "answer": WORD}` for a captcha stored in any session,
/// 404 `{"error": …}` otherwise. Mock-only: it is how a test learns what the image shows.
pub(super) async fn answer_handler(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response<Body> {
    let req = read_request(peer, request).await;
    let id = req.get("id").unwrap_or("").to_owned();
    let answer = shared
        .lock()
        .sessions
        .captcha_answer(&id)
        .map(str::to_owned);
    let (status, body) = match answer {
        Some(answer) => (
            StatusCode::OK,
            serde_json::json!({"id": id, "answer": answer}),
        ),
        None => (
            StatusCode::NOT_FOUND,
            serde_json::json!({"error": "no stored captcha has this id"}),
        ),
    };
    let mut resp = Response::new(Body::from(body.to_string()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::captcha::{LETTERS, WORD_LENGTH, image_path, random_word};

    /// The PNG's chunks: (type, data), each CRC checked.
    fn chunks(png: &[u8]) -> Vec<(String, Vec<u8>)> {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let mut out = Vec::new();
        let mut at = 8;
        while at < png.len() {
            let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
            let body = &png[at + 4..at + 8 + len];
            let crc = u32::from_be_bytes(png[at + 8 + len..at + 12 + len].try_into().unwrap());
            assert_eq!(crc32(body), crc);
            out.push((
                String::from_utf8_lossy(&body[..4]).into_owned(),
                body[4..].to_vec(),
            ));
            at += 12 + len;
        }
        out
    }

    /// Undoes `zlib_stored`, checking the block headers and the Adler-32.
    fn inflate_stored(stream: &[u8]) -> Vec<u8> {
        assert_eq!(&stream[..2], &[0x78, 0x01]);
        let mut out = Vec::new();
        let mut at = 2;
        loop {
            let last = stream[at] == 1;
            let len = u16::from_le_bytes([stream[at + 1], stream[at + 2]]);
            let nlen = u16::from_le_bytes([stream[at + 3], stream[at + 4]]);
            assert_eq!(len, !nlen);
            out.extend_from_slice(&stream[at + 5..at + 5 + len as usize]);
            at += 5 + len as usize;
            if last {
                break;
            }
        }
        assert_eq!(&stream[at..], &adler32(&out).to_be_bytes());
        out
    }

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }

    #[test]
    fn png_shows_the_word() {
        let image = png("captcha");
        let parts = chunks(&image);
        let kinds: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(kinds, ["IHDR", "IDAT", "IEND"]);
        let width = u32::from_be_bytes(parts[0].1[..4].try_into().unwrap()) as usize;
        let height = u32::from_be_bytes(parts[0].1[4..8].try_into().unwrap()) as usize;
        assert_eq!(width, 2 * MARGIN + 7 * ADVANCE * SCALE);
        assert_eq!(height, 2 * MARGIN + 7 * SCALE);
        let raw = inflate_stored(&parts[1].1);
        assert_eq!(raw.len(), (width + 1) * height);
        // The first letter's top-left dark pixel: row 2 of `c` starts at column 1.
        let dark = |x: usize, y: usize| raw[y * (width + 1) + 1 + x] == 0;
        assert!(dark(MARGIN + SCALE, MARGIN + 2 * SCALE));
        assert!(!dark(MARGIN, MARGIN));
        let dark_count = raw.iter().filter(|b| **b == 0).count();
        assert!(dark_count > 7 * 10 * SCALE * SCALE);
    }

    #[test]
    fn large_images_span_several_stored_blocks() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        assert_eq!(inflate_stored(&zlib_stored(&data)), data);
    }

    #[test]
    fn every_letter_has_a_glyph() {
        for letter in LETTERS {
            assert!(glyph(*letter as char).is_some_and(|rows| rows.iter().any(|r| *r != 0)));
        }
        let word = random_word();
        assert_eq!(word.len(), WORD_LENGTH);
        assert!(word.bytes().all(|b| LETTERS.contains(&b)));
    }

    #[test]
    fn image_path_encodes_the_id() {
        assert_eq!(
            image_path("16649214"),
            "/index.php?title=Special:Captcha/image&wpCaptchaId=16649214"
        );
    }
}
