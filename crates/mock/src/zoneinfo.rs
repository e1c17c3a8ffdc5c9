//! Time zones by name, from the system's time zone database (`/usr/share/zoneinfo`, the one
//! Debian's PHP reads too): whether PHP's DateTimeZone knows a name (any letter case) and the
//! zone's offset from UTC at a given time. Without the database every name is unknown.

use std::path::{Path, PathBuf};

const ZONEINFO_DIR: &str = "/usr/share/zoneinfo";

/// The offset from UTC in seconds of the zone `name` at unix time `at`, if the zone exists.
pub fn offset_at(name: &str, at: i64) -> Option<i64> {
    if name.eq_ignore_ascii_case("UTC") {
        return Some(0);
    }
    let file = find_zone_file(Path::new(ZONEINFO_DIR), name)?;
    let data = std::fs::read(file).ok()?;
    tzif_offset(&data, at)
}

/// The zone file of `name`, its path components matched without regard to letter case.
fn find_zone_file(root: &Path, name: &str) -> Option<PathBuf> {
    if name.is_empty() || name.starts_with('/') {
        return None;
    }
    let mut path = root.to_path_buf();
    for part in name.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return None;
        }
        let entry = std::fs::read_dir(&path)
            .ok()?
            .filter_map(Result::ok)
            .find(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case(part))
            })?;
        path = entry.path();
    }
    path.is_file().then_some(path)
}

fn be_u32(data: &[u8], at: usize) -> Option<usize> {
    let bytes: [u8; 4] = data.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_be_bytes(bytes) as usize)
}

/// The offset a TZif file (RFC 8536) gives at `at`: the type of the last transition at or
/// before it (the file's first standard-time type before the first transition).
fn tzif_offset(data: &[u8], at: i64) -> Option<i64> {
    if data.get(0..4)? != b"TZif" {
        return None;
    }
    let counts = |base: usize| -> Option<[usize; 6]> {
        let mut c = [0; 6];
        for (i, slot) in c.iter_mut().enumerate() {
            *slot = be_u32(data, base + 20 + 4 * i)?;
        }
        Some(c)
    };
    // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    let [isut, isstd, leap, time, types, chars] = counts(0)?;
    let (base, time_size) = if data[4] >= b'2' {
        let v1_len = time * 5 + types * 6 + chars + leap * 8 + isstd + isut;
        (44 + v1_len, 8)
    } else {
        (0, 4)
    };
    let [_, _, _, time, types, _] = counts(base)?;
    let times_at = base + 44;
    let indexes_at = times_at + time * time_size;
    let types_at = indexes_at + time;
    let transition_time = |i: usize| -> Option<i64> {
        let start = times_at + i * time_size;
        let bytes = data.get(start..start + time_size)?;
        Some(if time_size == 8 {
            i64::from_be_bytes(bytes.try_into().ok()?)
        } else {
            i64::from(i32::from_be_bytes(bytes.try_into().ok()?))
        })
    };
    let mut type_index = None;
    for i in 0..time {
        if transition_time(i)? <= at {
            type_index = Some(*data.get(indexes_at + i)? as usize);
        } else {
            break;
        }
    }
    let type_index = match type_index {
        Some(t) => t,
        None => (0..types)
            .find(|t| data.get(types_at + t * 6 + 4) == Some(&0))
            .unwrap_or(0),
    };
    if type_index >= types {
        return None;
    }
    let at_type = types_at + type_index * 6;
    let offset = i32::from_be_bytes(data.get(at_type..at_type + 4)?.try_into().ok()?);
    Some(i64::from(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_of_the_system_database() {
        if !Path::new(ZONEINFO_DIR).join("Europe/Berlin").exists() {
            return;
        }
        // 2026-12-06 and 2026-07-01: winter and summer time.
        assert_eq!(offset_at("Europe/Berlin", 1_796_000_000), Some(3600));
        assert_eq!(offset_at("europe/berlin", 1_782_864_000), Some(7200));
        assert_eq!(
            offset_at("America/New_York", 1_796_000_000),
            Some(-5 * 3600)
        );
        assert_eq!(offset_at("Nowhere", 0), None);
        assert_eq!(offset_at("../etc/passwd", 0), None);
        assert_eq!(offset_at("UTC", 0), Some(0));
    }
}
