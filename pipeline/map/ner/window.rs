//! Cutting a long token sequence into overlapping windows, and choosing for each token the window in
//! which it has the most context.

use std::ops::Range;

/// Plans windows of at most `size` tokens over `n` tokens, starting every `stride` tokens. The last
/// window ends at `n`; nothing is left out. `stride` is clamped to `1..=size`.
#[allow(clippy::single_range_in_vec_init)] // one window over the whole sequence
pub fn plan(n: usize, size: usize, stride: usize) -> Vec<Range<usize>> {
    let size = size.max(1);
    let stride = stride.clamp(1, size);
    if n <= size {
        return vec![0..n];
    }
    let mut windows = Vec::new();
    let mut start = 0;
    loop {
        let end = (start + size).min(n);
        windows.push(start..end);
        if end == n {
            break;
        }
        start += stride;
    }
    windows
}

/// For every token, the index of the window in which it has the most context: the largest
/// `min(tokens before it, tokens after it)` inside the window, where a window edge that is also the
/// sequence's edge counts as unlimited context. Ties go to the earlier window, so the choice depends only
/// on the windows, never on the order in which they are computed.
pub fn best_window(n: usize, windows: &[Range<usize>]) -> Vec<usize> {
    let mut best = vec![usize::MAX; n];
    let mut best_ctx = vec![0usize; n];
    for (w, r) in windows.iter().enumerate() {
        for i in r.clone() {
            let left = if r.start == 0 {
                usize::MAX
            } else {
                i - r.start
            };
            let right = if r.end == n {
                usize::MAX
            } else {
                r.end - 1 - i
            };
            let ctx = left.min(right);
            if best[i] == usize::MAX || ctx > best_ctx[i] {
                best[i] = w;
                best_ctx[i] = ctx;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sequences_get_one_window() {
        assert_eq!(plan(5, 10, 4), vec![0..5]);
        assert_eq!(plan(0, 10, 4), vec![0..0]);
    }

    #[test]
    fn windows_cover_everything_and_end_at_n() {
        for n in [11, 17, 100, 101] {
            for (size, stride) in [(10, 5), (10, 10), (10, 3), (8, 1)] {
                let w = plan(n, size, stride);
                assert_eq!(w[0].start, 0);
                assert_eq!(w.last().unwrap().end, n);
                for pair in w.windows(2) {
                    assert!(pair[1].start <= pair[0].end, "gap in {w:?}");
                }
                assert!(w.iter().all(|r| r.len() <= size));
            }
        }
    }

    #[test]
    fn each_token_goes_to_its_most_central_window() {
        let w = plan(20, 10, 5); // 0..10, 5..15, 10..20
        let best = best_window(20, &w);
        assert_eq!(best[0], 0); // sequence start: only window 0
        assert_eq!(best[6], 0); // window 0 sees 0..6 before and is open at the start: ctx min(inf,3)=3 vs 1
        assert_eq!(best[9], 1);
        assert_eq!(best[10], 1);
        assert_eq!(best[13], 2);
        assert_eq!(best[19], 2);
    }
}
