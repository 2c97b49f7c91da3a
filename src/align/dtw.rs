//! Dynamic time warping of two feature sequences, in bounded memory for hours of speech: the sequences are
//! first matched whole at a coarse resolution (frames averaged in groups, at most a few thousand a side),
//! then at each finer resolution only near the path found (FastDTW's idea). Only the cells near the path
//! are ever held.

use super::features::{COEFFICIENTS, Frame, SCALE};

/// The largest side of the coarsest matching, which is done in full.
const COARSEST: usize = 4_000;
/// Frames on each side of the projected path that a finer level looks at.
const RADIUS: usize = 12;
/// What a step that holds one side still costs beyond its distance: holding is for pauses and slower
/// speech, not for passing over words.
const STEP: f32 = 0.0;

/// Where a frame of one sequence is matched in the other: the first and last frame of the other it is
/// matched with, and the distance at the first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub first: usize,
    pub last: usize,
    pub distance: f32,
}

/// For each frame of `a`, where it is matched in `b`; `None` when `cancelled` says to stop.
pub fn align(a: &[Frame], b: &[Frame], cancelled: &dyn Fn() -> bool) -> Option<Vec<Match>> {
    if a.is_empty() || b.is_empty() {
        return Some(vec![
            Match {
                first: 0,
                last: 0,
                distance: 0.0
            };
            a.len()
        ]);
    }
    // The factors of each level, coarsest last.
    let mut factors = vec![1usize];
    while a.len().max(b.len()) / factors[factors.len() - 1] > COARSEST {
        let next = factors[factors.len() - 1] * 4;
        factors.push(next);
    }
    let mut path: Option<Vec<(usize, usize)>> = None;
    for (level, &f) in factors.iter().enumerate().rev() {
        if cancelled() {
            return None;
        }
        // At full resolution the frames themselves; coarser, their averages.
        let (ca, cb) = (coarse(a, f), coarse(b, f));
        let (ca, cb): (&[Frame], &[Frame]) = (ca.as_deref().unwrap_or(a), cb.as_deref().unwrap_or(b));
        let window = match &path {
            None => (0..ca.len()).map(|_| (0, cb.len() - 1)).collect(),
            Some(p) => project(p, factors[level + 1] / f, ca.len(), cb.len()),
        };
        path = Some(warp(ca, cb, &window));
    }
    let path = path.unwrap_or_default();
    let mut out = vec![
        Match {
            first: usize::MAX,
            last: 0,
            distance: 0.0
        };
        a.len()
    ];
    for &(i, j) in &path {
        let m = &mut out[i];
        if m.first == usize::MAX {
            *m = Match {
                first: j,
                last: j,
                distance: distance(&a[i], &b[j]),
            };
        }
        m.last = j;
    }
    Some(out)
}

/// Frames averaged in groups of `f`; `None` for 1 (the frames as they are).
fn coarse(frames: &[Frame], f: usize) -> Option<Vec<Frame>> {
    if f == 1 {
        return None;
    }
    let averaged = frames
        .chunks(f)
        .map(|group| {
            let mut sum = [0i32; COEFFICIENTS];
            for frame in group {
                for (s, v) in sum.iter_mut().zip(frame) {
                    *s += i32::from(*v);
                }
            }
            sum.map(|s| (s / group.len() as i32) as i8)
        })
        .collect();
    Some(averaged)
}

/// A coarse path's cells at a `ratio` times finer level, widened by [`RADIUS`]: each row's columns.
fn project(path: &[(usize, usize)], ratio: usize, rows: usize, columns: usize) -> Vec<(usize, usize)> {
    let mut window = vec![(usize::MAX, 0usize); rows];
    for &(i, j) in path {
        let rows_of = (i * ratio).min(rows)..((i + 1) * ratio).min(rows);
        for (lo, hi) in &mut window[rows_of] {
            *lo = (*lo).min(j * ratio);
            *hi = (*hi).max(((j + 1) * ratio).min(columns) - 1);
        }
    }
    let mut last = (0, 0);
    for w in &mut window {
        if w.0 == usize::MAX {
            *w = last;
        }
        w.0 = w.0.saturating_sub(RADIUS);
        w.1 = (w.1 + RADIUS).min(columns - 1);
        last = *w;
    }
    // Each row reaches at least where the row before ended, so a path can always go on.
    for r in 1..rows {
        if window[r].1 < window[r - 1].1 {
            window[r].1 = window[r - 1].1;
        }
        if window[r].0 > window[r - 1].1 {
            window[r].0 = window[r - 1].1;
        }
    }
    window[0].0 = 0;
    window[rows - 1].1 = columns - 1;
    window
}

pub fn distance(x: &Frame, y: &Frame) -> f32 {
    let squares: i32 = x
        .iter()
        .zip(y)
        .map(|(a, b)| {
            let d = i32::from(*a) - i32::from(*b);
            d * d
        })
        .sum();
    (squares as f32).sqrt() / SCALE
}

/// The cheapest path from (0, 0) to the last cells within `window` (each row's first and last column).
fn warp(a: &[Frame], b: &[Frame], window: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let rows = a.len();
    let mut offsets = Vec::with_capacity(rows + 1);
    offsets.push(0usize);
    for &(lo, hi) in window {
        offsets.push(offsets[offsets.len() - 1] + hi + 1 - lo);
    }
    // Where each cell came from: 0 diagonal, 1 from above (the row before), 2 from the left.
    let mut from = vec![0u8; offsets[rows]];
    let mut previous: Vec<f32> = Vec::new();
    let mut current: Vec<f32> = Vec::new();
    for i in 0..rows {
        let (lo, hi) = window[i];
        current.clear();
        current.resize(hi + 1 - lo, f32::INFINITY);
        let (plo, phi) = if i > 0 { window[i - 1] } else { (1, 0) };
        let above = |j: usize| {
            if i > 0 && (plo..=phi).contains(&j) {
                previous[j - plo]
            } else {
                f32::INFINITY
            }
        };
        for j in lo..=hi {
            let d = distance(&a[i], &b[j]);
            // A diagonal step counts the distance twice, as a step up and one to the left together would
            // (the "symmetric" pattern): a path is not cheaper for skipping a stretch of either side.
            let (best, way) = if i == 0 && j == 0 {
                (d, 0)
            } else {
                let diagonal = if j > 0 { above(j - 1) + d } else { f32::INFINITY };
                let up = above(j) + d + STEP;
                let left = if j > lo {
                    current[j - 1 - lo] + d + STEP
                } else {
                    f32::INFINITY
                };
                if diagonal <= up && diagonal <= left {
                    (diagonal, 0)
                } else if up <= left {
                    (up, 1)
                } else {
                    (left, 2)
                }
            };
            current[j - lo] = best;
            from[offsets[i] + j - lo] = way;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    // Back from the last cell.
    let (mut i, mut j) = (rows - 1, window[rows - 1].1);
    let mut path = Vec::with_capacity(rows + b.len());
    loop {
        path.push((i, j));
        if i == 0 && j == 0 {
            break;
        }
        let (lo, _) = window[i];
        match from[offsets[i] + j - lo] {
            0 if i > 0 && j > 0 => {
                i -= 1;
                j -= 1;
            }
            1 if i > 0 => i -= 1,
            _ if j > 0 => j -= 1,
            _ => i -= 1,
        }
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(values: &[f32]) -> Vec<Frame> {
        values
            .iter()
            .map(|&v| [(v * 20.0).round() as i8; COEFFICIENTS])
            .collect()
    }

    #[test]
    fn a_stretched_copy_is_matched_frame_to_frame() {
        let a = frames(&[0.0, 1.0, 2.0, 3.0, 0.0]);
        let b = frames(&[0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 0.0]);
        let map: Vec<usize> = align(&a, &b, &|| false)
            .expect("runs")
            .iter()
            .map(|m| m.first)
            .collect();
        assert_eq!(map, [0, 2, 4, 6, 8]);
    }

    #[test]
    fn long_sequences_are_matched_through_the_levels() {
        // Five thousand frames of a slow ramp, and the same ramp with a pause of 300 frames in the middle.
        let a: Vec<f32> = (0..5000)
            .map(|k| ((k as f32) / 37.0).sin() + k as f32 / 1000.0)
            .collect();
        let mut b = a[..2500].to_vec();
        b.extend(std::iter::repeat_n(a[2499], 300));
        b.extend_from_slice(&a[2500..]);
        let map = align(&frames(&a), &frames(&b), &|| false).expect("runs");
        assert_eq!(map[1000].first, 1000);
        assert_eq!(map[4000].first, 4300, "after the pause, 300 frames later");
    }

    #[test]
    fn it_stops_when_asked() {
        let a = frames(&[0.0; 10]);
        assert!(align(&a, &a, &|| true).is_none());
    }
}
