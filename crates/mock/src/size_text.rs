//! Byte sizes as MediaWiki's English interface writes them (Language::formatSize, for
//! Message::sizeParam parameters).

/// Language::formatSize in English: bytes, then KB, MB, GB… (units of 1024); bytes and KB
/// rounded to whole numbers, larger units to two decimals (PHP's float text drops trailing
/// zeros), digits grouped by thousands.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["KB", "MB", "GB", "TB", "PB", "EB"];
    if bytes < 1024 {
        let noun = if bytes == 1 { "byte" } else { "bytes" };
        return format!("{} {noun}", group_thousands(&bytes.to_string()));
    }
    let mut size = bytes as f64 / 1024.0;
    let mut unit = 0;
    while size >= 1024.0 && unit + 1 < UNITS.len() {
        size /= 1024.0;
        unit += 1;
    }
    let decimals = if unit == 0 { 0 } else { 2 };
    let text = format!("{:.decimals$}", round_half_away(size, decimals));
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut number = group_thousands(whole);
    if !fraction.is_empty() {
        number = format!("{number}.{fraction}");
    }
    format!("{number} {}", UNITS[unit])
}

/// PHP's round(): halves away from zero.
fn round_half_away(value: f64, decimals: usize) -> f64 {
    let factor = 10f64.powi(decimals as i32);
    (value * factor).round() / factor
}

/// Language::formatNum's grouping in English: a comma every three digits.
pub(crate) fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_units_of_1024() {
        assert_eq!(format_size(1), "1 byte");
        assert_eq!(format_size(1000), "1,000 bytes");
        assert_eq!(format_size(1536), "2 KB");
        assert_eq!(format_size(1023 * 1024), "1,023 KB");
        assert_eq!(format_size(8 * 1024 * 1024), "8 MB");
        assert_eq!(format_size(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
