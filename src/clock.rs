//! The time of a check, for exports: when a saved result was made matters to whoever reads it.
//! Native builds read the system clock; the WebAssembly build asks the browser (SystemTime is not
//! available there).

/// The current time in UTC as ISO 8601 ("2026-12-06T18:04:30Z"), None where no clock is known.
pub fn now_utc() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let iso: String = js_sys::Date::new_0().to_iso_string().into();
        // "2026-12-06T18:04:30.123Z": drop the milliseconds.
        let secs = iso.get(..19)?;
        Some(format!("{secs}Z"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs() as i64;
        Some(iso(secs))
    }
}

/// Seconds since 1970-01-01T00:00:00Z as ISO 8601 in UTC.
pub fn iso(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (H. Hinnant's days_from_civil inverse).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// An ISO 8601 UTC time as people in China read it: "2026-12-07 02:04（北京时间）". Anything
/// that is not such a time is returned as it is.
pub fn beijing(iso_utc: &str) -> String {
    let parse = |r: std::ops::Range<usize>| iso_utc.get(r).and_then(|s| s.parse::<i64>().ok());
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi)) = (
        parse(0..4),
        parse(5..7),
        parse(8..10),
        parse(11..13),
        parse(14..16),
    ) else {
        return iso_utc.to_owned();
    };
    if !iso_utc.ends_with('Z') || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return iso_utc.to_owned();
    }
    // Days from civil, then add eight hours.
    let (yy, mm) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let era = yy.div_euclid(400);
    let yoe = yy.rem_euclid(400);
    let doy = (153 * mm + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let local = iso(days * 86_400 + h * 3600 + mi * 60 + 8 * 3600);
    format!("{} {}（北京时间）", &local[..10], &local[11..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        // 2000-02-29 12:34:56 UTC (a leap day): 951827696.
        assert_eq!(iso(951_827_696), "2000-02-29T12:34:56Z");
        // 2026-12-31T23:59:59Z = 1798761599.
        assert_eq!(iso(1_798_761_599), "2026-12-31T23:59:59Z");
    }

    #[test]
    fn beijing_time_is_eight_hours_ahead_and_crosses_the_year() {
        assert_eq!(
            beijing("2026-12-31T16:30:00Z"),
            "2027-01-01 00:30（北京时间）"
        );
        assert_eq!(
            beijing("2024-02-28T20:00:00Z"),
            "2024-02-29 04:00（北京时间）"
        );
        assert_eq!(beijing("不是时间"), "不是时间");
    }

    #[test]
    fn the_clock_reads_a_plausible_time() {
        let now = now_utc().expect("a clock");
        assert!(
            now.as_str() > "2024-01-01T00:00:00Z" && now.ends_with('Z'),
            "{now}"
        );
    }
}
