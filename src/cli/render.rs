//! Printer output rendered in parallel and written in order, shared by the JSON and human
//! printers.

use rayon::prelude::*;

/// Items a buffer holds at most, and buffers rendered in parallel at most per batch.
const CHUNK: usize = 16;
const BATCH_CHUNKS: usize = 32;
/// Weight (about one location or line of output each, see [`in_order`]) past which a
/// buffer or a batch is cut. A wire report's claim lists thousands of occurrences: before
/// the weights, a batch of such claims held 10–15 MB of buffers at 10k articles, more
/// than the analysis's own peak on a figure-dense corpus.
const CHUNK_WEIGHT: usize = 256;
const BATCH_WEIGHT: usize = 4096;
/// A buffer grown past this by a heavy item is given back after its batch, not kept for
/// the next one.
const KEPT_CAPACITY: usize = 1 << 16;

/// Render `items` in parallel, a batch at a time, into buffers of up to [`CHUNK`] items
/// each, and hand the buffers to `write` in item order. `weight` estimates an item's
/// output (1 for a line or a short record, the number of locations for a claim or a
/// person): a buffer stops at [`CHUNK_WEIGHT`] and a batch at [`BATCH_WEIGHT`] (past one
/// item or one buffer), so the memory in flight is bounded whatever the items. Buffers
/// are kept from batch to batch: grown once to the size of a chunk's output (tens of KB)
/// instead of by doubling from scratch, with a copy at each step, for every chunk.
pub fn in_order<T: Sync>(
    items: &[T],
    weight: impl Fn(&T) -> usize,
    render: impl Fn(&T, &mut Vec<u8>) -> std::io::Result<()> + Sync,
    mut write: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    let mut chunks = Vec::with_capacity(BATCH_CHUNKS);
    let mut start = 0;
    while start < items.len() {
        start = next_batch(items, start, &weight, &mut chunks);
        if buffers.len() < chunks.len() {
            buffers.resize_with(chunks.len(), || Vec::with_capacity(1 << 12));
        }
        let rendered: Vec<std::io::Result<()>> = chunks
            .par_iter()
            .zip(buffers.par_iter_mut())
            .map(|(range, out)| {
                out.clear();
                let chunk = items.get(range.clone()).unwrap_or(&[]);
                chunk.iter().try_for_each(|item| render(item, out))
            })
            .collect();
        for (done, b) in rendered.into_iter().zip(&mut buffers) {
            done?;
            write(b)?;
            if b.capacity() > KEPT_CAPACITY {
                *b = Vec::with_capacity(1 << 12);
            }
        }
    }
    Ok(())
}

/// Cut the batch starting at item `start` into `chunks` (ranges of items, in order, each
/// at least one item); returns where the next batch starts.
fn next_batch<T>(
    items: &[T],
    start: usize,
    weight: impl Fn(&T) -> usize,
    chunks: &mut Vec<std::ops::Range<usize>>,
) -> usize {
    chunks.clear();
    let (mut i, mut batch_weight) = (start, 0);
    while i < items.len() && chunks.len() < BATCH_CHUNKS && batch_weight < BATCH_WEIGHT {
        let (first, mut chunk_weight) = (i, 0);
        while let Some(item) = items.get(i).filter(|_| i - first < CHUNK) {
            let w = weight(item).max(1);
            if i > first && chunk_weight + w > CHUNK_WEIGHT {
                break;
            }
            chunk_weight += w;
            i += 1;
        }
        chunks.push(first..i);
        batch_weight += chunk_weight;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Over several batches (the last one short, its buffers reused from a longer one):
    /// every item once, in order, and nothing left over from an earlier batch.
    #[test]
    fn items_come_out_once_in_order_across_batches() {
        let batch = BATCH_CHUNKS * CHUNK;
        let items: Vec<usize> = (0..batch * 2 + 37).collect();
        // the first batch writes more per item than the later ones
        let got = numbers_rendered(&items, |_| 1, |i| if i < batch { 40 } else { 0 });
        assert_eq!(got, items);
    }

    /// Render each item of `items` as `pad(item)` spaces, the item and a newline, through
    /// `in_order` with `weight`; the numbers read back from the output.
    fn numbers_rendered(
        items: &[usize],
        weight: impl Fn(&usize) -> usize,
        pad: impl Fn(usize) -> usize + Sync,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        in_order(
            items,
            weight,
            |&i, buf| {
                buf.resize(buf.len() + pad(i), b' ');
                buf.extend_from_slice(format!("{i}\n").as_bytes());
                Ok(())
            },
            |b| {
                out.extend_from_slice(b);
                Ok(())
            },
        )
        .unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| l.trim().parse().unwrap())
            .collect()
    }

    #[test]
    fn a_render_error_stops_the_output() {
        let items: Vec<usize> = (0..100).collect();
        let mut written = 0;
        let done = in_order(
            &items,
            |_| 1,
            |&i, buf| {
                if i == 40 {
                    return Err(std::io::Error::other("bad item"));
                }
                buf.push(b'x');
                Ok(())
            },
            |b| {
                written += b.len();
                Ok(())
            },
        );
        assert!(done.is_err());
        assert!(written < 40, "{written}");
    }

    /// Heavy items (a claim with thousands of occurrences) among light ones, in batches
    /// and buffers of their own: every item once, in order.
    #[test]
    fn heavy_items_come_out_in_order() {
        let items: Vec<usize> = (0..3000).collect();
        let heavy = |i: usize| i % 97 == 5;
        // a heavy item's line: 100 KB of spaces before its number
        let got = numbers_rendered(
            &items,
            |&i| if heavy(i) { 5000 } else { 1 },
            |i| if heavy(i) { 100_000 } else { 0 },
        );
        assert_eq!(got, items);
    }

    proptest::proptest! {
        /// Batches tile the items in order; a buffer holds at most `CHUNK` items and, past
        /// its first item, at most `CHUNK_WEIGHT`; a batch stops growing at
        /// `BATCH_WEIGHT`.
        #[test]
        fn batches_tile_the_items_within_their_bounds(
            weights in proptest::collection::vec(0usize..6000, 0..2000)
        ) {
            let mut chunks = Vec::new();
            let mut start = 0;
            let mut next = 0;
            while start < weights.len() {
                let end = next_batch(&weights, start, |&w| w, &mut chunks);
                proptest::prop_assert!(end > start);
                proptest::prop_assert!(!chunks.is_empty() && chunks.len() <= BATCH_CHUNKS);
                let mut before_last = 0;
                for (k, r) in chunks.iter().enumerate() {
                    proptest::prop_assert_eq!(r.start, next);
                    proptest::prop_assert!(r.end > r.start && r.end - r.start <= CHUNK);
                    let w: usize = weights[r.clone()].iter().map(|&w| w.max(1)).sum();
                    if r.end - r.start > 1 {
                        proptest::prop_assert!(w <= CHUNK_WEIGHT);
                    }
                    if k + 1 < chunks.len() {
                        before_last += w;
                    }
                    next = r.end;
                }
                proptest::prop_assert!(before_last < BATCH_WEIGHT);
                proptest::prop_assert_eq!(next, end);
                start = end;
            }
            proptest::prop_assert_eq!(next, weights.len());
        }
    }
}
