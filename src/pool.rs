//! The WebAssembly modules' allocator: blocks of up to 256 bytes — most of a check's allocations,
//! a `String` per cell and per key — are recycled through a free list per size class; everything
//! else goes to the system allocator (dlmalloc in wasm32). dlmalloc, built for size like the rest
//! of the module, spent ~7 % of `check()` in wasm; a pop or a push here is three memory accesses.
//! Natively the platform's allocator is used, so this is only the global allocator in wasm32
//! (one thread: the module is built without atomics, and every worker has its own instance).

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr;

/// Size classes are multiples of 16 bytes up to `CLASSES * 16`.
const STEP: usize = 16;
const CLASSES: usize = 16;
/// Bytes a class keeps for reuse at most; blocks freed beyond it go back to `A`, so a huge input's
/// many small blocks do not stay tied to one size after it.
const KEEP_BYTES: usize = 1 << 20;

struct Lists {
    heads: [*mut u8; CLASSES],
    kept: [usize; CLASSES],
}

pub struct Pool<A> {
    inner: A,
    lists: UnsafeCell<Lists>,
}

// SAFETY: only ever used by one thread (see the module comment); `new` is const so the static
// needs `Sync`, which the wasm32 target without atomics cannot violate.
unsafe impl<A: Sync> Sync for Pool<A> {}

impl<A> Pool<A> {
    pub const fn new(inner: A) -> Self {
        Pool {
            inner,
            lists: UnsafeCell::new(Lists {
                heads: [ptr::null_mut(); CLASSES],
                kept: [0; CLASSES],
            }),
        }
    }
}

/// The class of a layout, or `None` for one the pool leaves to the inner allocator.
#[inline(always)]
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size();
    if size == 0 || size > CLASSES * STEP || layout.align() > 8 {
        return None;
    }
    Some((size - 1) / STEP)
}

/// The layout every block of class `c` is allocated with from the inner allocator.
#[inline(always)]
fn block(c: usize) -> Layout {
    // SAFETY: a non-zero multiple of 16 with alignment 8.
    unsafe { Layout::from_size_align_unchecked((c + 1) * STEP, 8) }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for Pool<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else {
            return self.inner.alloc(layout);
        };
        let lists = &mut *self.lists.get();
        let head = lists.heads[c];
        if head.is_null() {
            return self.inner.alloc(block(c));
        }
        // A free block holds the address of the next one in its first bytes.
        lists.heads[c] = *(head as *mut *mut u8);
        lists.kept[c] -= block(c).size();
        head
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(c) = class(layout) else {
            return self.inner.dealloc(ptr, layout);
        };
        let lists = &mut *self.lists.get();
        if lists.kept[c] >= KEEP_BYTES {
            return self.inner.dealloc(ptr, block(c));
        }
        *(ptr as *mut *mut u8) = lists.heads[c];
        lists.heads[c] = ptr;
        lists.kept[c] += block(c).size();
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if class(layout).is_none() {
            return self.inner.alloc_zeroed(layout);
        }
        let p = self.alloc(layout);
        if !p.is_null() {
            ptr::write_bytes(p, 0, layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size`, rounded up to `layout.align()`, fits an isize.
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        match (class(layout), class(new)) {
            (None, None) => self.inner.realloc(ptr, layout, new_size),
            (Some(a), Some(b)) if a == b => ptr,
            _ => {
                let p = self.alloc(new);
                if !p.is_null() {
                    ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                p
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static GLOBAL: Pool<std::alloc::System> = Pool::new(std::alloc::System);

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;
    use std::cell::Cell;

    /// The system allocator, counting the blocks it has out.
    struct Counting {
        out: Cell<isize>,
    }
    unsafe impl Sync for Counting {}
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            self.out.set(self.out.get() + 1);
            System.alloc(l)
        }
        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            self.out.set(self.out.get() - 1);
            System.dealloc(p, l)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn reuses_a_freed_block_of_the_same_class_only() {
        let pool = Pool::new(Counting { out: Cell::new(0) });
        unsafe {
            let a = pool.alloc(layout(20, 4));
            pool.dealloc(a, layout(20, 4));
            // 17..=32 bytes share a class; 33 does not.
            assert_eq!(pool.alloc(layout(32, 8)), a);
            let b = pool.alloc(layout(33, 1));
            assert_ne!(b, a);
            assert_eq!(pool.inner.out.get(), 2);
            // Over 256 bytes or over 8-byte alignment: straight to the inner allocator.
            let big = pool.alloc(layout(257, 1));
            pool.dealloc(big, layout(257, 1));
            let wide = pool.alloc(layout(16, 16));
            pool.dealloc(wide, layout(16, 16));
            assert_eq!(pool.inner.out.get(), 2);
        }
    }

    #[test]
    fn blocks_hold_what_was_written_across_realloc() {
        let pool = Pool::new(System);
        unsafe {
            let mut p = pool.alloc(layout(1, 1));
            *p = 0;
            let mut size = 1;
            // Grow through every class and past them, checking the bytes at each step.
            for new in [8, 16, 17, 100, 256, 257, 4000, 300, 40, 3] {
                for i in 0..size.min(new) {
                    assert_eq!(*p.add(i), i as u8, "byte {i} growing {size} → {new}");
                }
                p = pool.realloc(p, layout(size, 1), new);
                assert!(!p.is_null());
                for i in 0..new {
                    *p.add(i) = i as u8;
                }
                size = new;
            }
            pool.dealloc(p, layout(size, 1));
            let z = pool.alloc_zeroed(layout(200, 8));
            assert!((0..200).all(|i| *z.add(i) == 0));
            pool.dealloc(z, layout(200, 8));
        }
    }

    #[test]
    fn keeps_at_most_a_megabyte_per_class() {
        let pool = Pool::new(Counting { out: Cell::new(0) });
        let l = layout(256, 8);
        let n = KEEP_BYTES / 256 + 100;
        unsafe {
            let blocks: Vec<*mut u8> = (0..n).map(|_| pool.alloc(l)).collect();
            for &b in &blocks {
                pool.dealloc(b, l);
            }
            // The 100 over the limit went back.
            assert_eq!(pool.inner.out.get(), (KEEP_BYTES / 256) as isize);
            let again: Vec<*mut u8> = (0..n).map(|_| pool.alloc(l)).collect();
            assert_eq!(pool.inner.out.get(), n as isize);
            for b in again {
                pool.dealloc(b, l);
            }
        }
    }
}
