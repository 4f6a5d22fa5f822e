//! The time of a check, for exports: when a saved result was made matters to whoever reads it.
//! Times are Beijing time (UTC+8, all of China), written as ISO 8601 with their offset
//! ("2026-12-07T02:04:30+08:00"), so that the display needs no calendar arithmetic. Native builds
//! read the system clock; the WebAssembly build asks the browser (SystemTime is not available).

const OFFSET: i64 = 8 * 3600;

/// The current time as ISO 8601 in Beijing time, None where no clock is known.
pub fn now() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        // The browser's UTC clock moved eight hours on: its ISO form is Beijing's wall time.
        let shifted = js_sys::Date::new(&(js_sys::Date::now() + (OFFSET * 1000) as f64).into());
        let iso: String = shifted.to_iso_string().into();
        Some(format!("{}+08:00", iso.get(..19)?))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs() as i64;
        Some(beijing_iso(secs))
    }
}

/// Seconds since 1970-01-01T00:00:00Z as ISO 8601 in Beijing time.
pub fn beijing_iso(secs: i64) -> String {
    let local = secs + OFFSET;
    let (days, rem) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (y, m, d) = civil(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+08:00",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (H. Hinnant's civil_from_days).
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

/// A check time as people read it: "2026-12-07 02:04（北京时间）". Anything that is not a time
/// written by [`now`] is returned as it is.
pub fn display(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16)) {
        (Some(date), Some(time)) if iso.len() == 25 && iso.ends_with("+08:00") => {
            format!("{date} {time}（北京时间）")
        }
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants_in_beijing_time() {
        assert_eq!(beijing_iso(0), "1970-01-01T08:00:00+08:00");
        // 2000-02-29T12:34:56Z (a leap day) = 951827696.
        assert_eq!(beijing_iso(951_827_696), "2000-02-29T20:34:56+08:00");
        // 2026-12-31T16:30:00Z = 1798734600: already 2027 in Beijing.
        assert_eq!(beijing_iso(1_798_734_600), "2027-01-01T00:30:00+08:00");
    }

    #[test]
    fn display_is_date_and_minutes() {
        assert_eq!(
            display("2027-01-01T00:30:00+08:00"),
            "2027-01-01 00:30（北京时间）"
        );
        assert_eq!(display("不是时间"), "不是时间");
        assert_eq!(display("2027-01-01T00:30:00Z"), "2027-01-01T00:30:00Z");
    }

    #[test]
    fn the_clock_reads_a_plausible_time() {
        let now = now().expect("a clock");
        assert!(
            now.as_str() > "2024-01-01T00:00:00" && now.ends_with("+08:00"),
            "{now}"
        );
    }
}
