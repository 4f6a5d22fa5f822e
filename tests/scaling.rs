//! Issue 7: no input of any size may take gigabytes or minutes. Each pathological family of
//! tests/families is checked at 1×, 2×, 4× and 8× its size; the peak of allocated bytes (counted
//! by this binary's global allocator, deterministic) and the time (best of three, generous bound)
//! must grow at most linearly. Before the fixes every family grew quadratically in one or the
//! other: padding, per-cell column counts, per-tag stack scans, per-clause sentence copies.
//! Full sizes, timed with peak RSS, are measured by scripts/bounded.sh.

mod families;

use nianbao::{check, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// The system allocator, counting bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now =
                    IN_USE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Bytes allocated at the peak of checking `input`, beyond what was in use before, and the
/// best time of three runs.
fn measure(input: &[u8]) -> (usize, Duration) {
    let base = IN_USE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let outcome = check(input, &Options::default());
    let peak = PEAK.load(Relaxed) - base;
    drop(outcome);
    let best = (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(check(input, &Options::default()));
            t.elapsed()
        })
        .min()
        .unwrap();
    (peak, best)
}

/// The size of what is read: a .docx counts inflated.
fn logical_size(input: &[u8]) -> usize {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(input)) else {
        return input.len();
    };
    (0..zip.len())
        .map(|i| zip.by_index(i).map_or(0, |f| f.size() as usize))
        .sum()
}

/// One test for every family: the allocation counter is global, so the families run one after
/// the other on one thread.
#[test]
fn every_family_grows_at_most_linearly() {
    let mut failures = Vec::new();
    for (name, make) in families::all() {
        let mut rows = Vec::new();
        for k in [1, 2, 4, 8] {
            let input = make(k);
            let (peak, time) = measure(&input);
            rows.push((k, logical_size(&input), peak, time));
        }
        let (_, _, peak1, t1) = rows[0];
        let (_, size8, peak8, t8) = rows[3];
        let report = rows
            .iter()
            .map(|(k, size, peak, t)| format!("{k}×: {size} B in, peak {peak} B, {t:?}"))
            .collect::<Vec<_>>()
            .join("; ");
        eprintln!("{name}: {report}");
        // Linear: 8× the input (the generators grow linearly in k), at most ~8× the memory
        // (2× slack for allocation rounding and fixed costs); quadratic would be 64×.
        if peak8 > 2 * 8 * peak1.max(1 << 16) {
            failures.push(format!(
                "{name}: memory grows faster than the input: {report}"
            ));
        }
        // And within a constant factor of the input (a .docx counted inflated): the design's
        // "≤ 1 GB for 50 MB" is 20×, plus the fixed grid budget (≈ 60 MB).
        if peak8 > 20 * size8 + (64 << 20) {
            failures.push(format!("{name}: memory over 20× the input: {report}"));
        }
        // Time: generous (timing noise), still far below the 64× of a quadratic step.
        if t8 > t1 * 24 + Duration::from_millis(50) {
            failures.push(format!(
                "{name}: time grows faster than the input: {report}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
