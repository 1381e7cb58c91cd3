//! Milliseconds per 12-megapixel (4000×3000) phone photo, whole pipeline and per step.
//!
//! `cargo run --release -p sinergi-media --example resize_bench [iterations]`

use std::time::Duration;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageBuffer, Rgb};
use sinergi_media::{DISPLAY_MAX_WIDTH, ImageLimits, process_image};

fn photo(width: u32, height: u32) -> DynamicImage {
    // Smooth gradients plus deterministic noise: compresses roughly like a real photo.
    let mut seed = 0x9E37_79B9_u32;
    DynamicImage::ImageRgb8(ImageBuffer::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed % 24) as u8;
        Rgb([
            ((x * 255 / width) as u8).saturating_add(n),
            ((y * 255 / height) as u8).saturating_add(n),
            (((x + y) / 32 % 256) as u8).saturating_add(n),
        ])
    }))
}

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`), so that other processes on
/// a busy machine do not inflate the numbers; wall-clock time elsewhere.
struct Instant(Option<Duration>, std::time::Instant);

impl Instant {
    fn now() -> Self {
        Self(cpu_time(), std::time::Instant::now())
    }
    fn elapsed(&self) -> Duration {
        match (self.0, cpu_time()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => self.1.elapsed(),
        }
    }
}

fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn ms(d: Duration, n: u32) -> f64 {
    d.as_secs_f64() * 1000.0 / f64::from(n)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let iterations: u32 = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(5);
    let img = photo(4000, 3000);
    let mut jpeg = Vec::new();
    img.write_with_encoder(JpegEncoder::new_with_quality(&mut jpeg, 92))?;
    println!(
        "input: 4000x3000 JPEG q92, {:.1} MiB; {iterations} iterations; thread CPU time",
        jpeg.len() as f64 / 1048576.0
    );

    let limits = ImageLimits::default();
    let start = Instant::now();
    for _ in 0..iterations {
        let out = process_image(&jpeg, &limits)?;
        std::hint::black_box(out);
    }
    println!(
        "process_image (decode + 2 resizes + 2 encodes): {:.1} ms/photo",
        ms(start.elapsed(), iterations)
    );

    let start = Instant::now();
    for _ in 0..iterations {
        std::hint::black_box(image::load_from_memory(&jpeg)?);
    }
    println!("  decode only: {:.1} ms", ms(start.elapsed(), iterations));

    let h = 3000 * DISPLAY_MAX_WIDTH / 4000;
    for (name, filter) in [
        ("Triangle", FilterType::Triangle),
        ("CatmullRom", FilterType::CatmullRom),
        ("Lanczos3", FilterType::Lanczos3),
    ] {
        let start = Instant::now();
        for _ in 0..iterations {
            std::hint::black_box(img.resize_exact(DISPLAY_MAX_WIDTH, h, filter));
        }
        println!(
            "  resize 4000x3000 -> {DISPLAY_MAX_WIDTH}x{h} {name}: {:.1} ms",
            ms(start.elapsed(), iterations)
        );
    }
    let start = Instant::now();
    for _ in 0..iterations {
        let pre = img.thumbnail_exact(2 * DISPLAY_MAX_WIDTH, 2 * h);
        std::hint::black_box(pre.resize_exact(DISPLAY_MAX_WIDTH, h, FilterType::CatmullRom));
    }
    println!(
        "  resize area-average to 2x, then CatmullRom (rejected: not faster): {:.1} ms",
        ms(start.elapsed(), iterations)
    );
    Ok(())
}
