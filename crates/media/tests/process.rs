//! End-to-end tests of `process_image` on images generated in code.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, GenericImageView, ImageBuffer, Luma, Rgb, Rgba};
use proptest::prelude::*;
use sinergi_media::{
    DISPLAY_MAX_WIDTH, ImageLimits, MIME_JPEG, MIME_PNG, MIME_WEBP, MediaError, THUMBNAIL_WIDTH,
    process_image, sniff_image,
};

fn photo(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(ImageBuffer::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    }))
}

fn jpeg(img: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
        .unwrap();
    out
}

fn png(img: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_with_encoder(PngEncoder::new(&mut out)).unwrap();
    out
}

fn limits() -> ImageLimits {
    ImageLimits::default()
}

fn decode(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// An APP1 "Exif" segment (big-endian TIFF) with IFD0 holding Orientation (0x0112) and a
/// GPS IFD pointer (0x8825) to a GPS IFD with GPSLatitudeRef = "S".
fn exif_app1(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // header, IFD0 at 8
    tiff.extend_from_slice(&2u16.to_be_bytes()); // 2 entries
    // Orientation, SHORT, count 1, value
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    // GPSInfo pointer, LONG, count 1, offset 38
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    assert_eq!(tiff.len(), 38);
    tiff.extend_from_slice(&1u16.to_be_bytes()); // GPS IFD: 1 entry
    // GPSLatitudeRef, ASCII, count 2, "S\0"
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'S', 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(b"GPS-MARKER-JAKARTA-6.2S-106.8E");

    let mut seg = vec![0xFF, 0xE1];
    let len = u16::try_from(2 + 6 + tiff.len()).unwrap();
    seg.extend_from_slice(&len.to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&tiff);
    seg
}

/// Inserts `segment` right after the SOI marker.
fn with_segment(jpeg: &[u8], segment: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(segment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn jpeg_photo_gets_display_and_thumbnail() {
    let out = process_image(&jpeg(&photo(1800, 1200)), &limits()).unwrap();
    assert_eq!(out.source_mime, MIME_JPEG);
    assert_eq!((out.original_width, out.original_height), (1800, 1200));
    assert_eq!((out.display.width, out.display.height), (1200, 800));
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (400, 267));
    for r in [&out.display, &out.thumbnail] {
        assert_eq!(r.mime, MIME_JPEG);
        assert_eq!(sniff_image(&r.bytes), Some(MIME_JPEG));
        assert_eq!(decode(&r.bytes).dimensions(), (r.width, r.height));
    }
}

#[test]
fn exif_gps_is_stripped_and_orientation_applied() {
    // Orientation 6 = rotate 90° clockwise: stored 600x400 landscape, displayed 400x600.
    let input = with_segment(&jpeg(&photo(600, 400)), &exif_app1(6));
    assert!(contains(&input, b"Exif"));
    assert!(contains(&input, b"GPS-MARKER"));
    assert!(
        image::load_from_memory(&input).is_ok(),
        "crafted EXIF JPEG must stay valid"
    );

    let out = process_image(&input, &limits()).unwrap();
    assert_eq!((out.original_width, out.original_height), (400, 600));
    assert_eq!((out.display.width, out.display.height), (400, 600));
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (400, 600));
    for r in [&out.display, &out.thumbnail] {
        assert!(!contains(&r.bytes, b"Exif"), "EXIF segment survived");
        assert!(!contains(&r.bytes, b"GPS-MARKER"), "GPS data survived");
        assert!(!contains(&r.bytes, &[0xFF, 0xE1]), "APP1 marker survived");
    }
}

#[test]
fn png_with_transparency_stays_png() {
    let img = DynamicImage::ImageRgba8(ImageBuffer::from_fn(1600, 800, |x, _| {
        if x < 800 {
            Rgba([200, 30, 30, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    }));
    let out = process_image(&png(&img), &limits()).unwrap();
    assert_eq!(out.source_mime, MIME_PNG);
    assert_eq!(out.display.mime, MIME_PNG);
    assert_eq!(out.thumbnail.mime, MIME_PNG);
    assert_eq!((out.display.width, out.display.height), (1200, 600));
    let shown = decode(&out.display.bytes).to_rgba8();
    // Transparent stays transparent; opaque colour is not darkened by the transparent black.
    assert_eq!(shown.get_pixel(1100, 300).0[3], 0);
    assert_eq!(shown.get_pixel(100, 300).0, [200, 30, 30, 255]);
    let edge = shown.get_pixel(599, 300).0;
    if edge[3] > 0 {
        assert!(
            edge[0] >= 190,
            "dark halo at the transparency edge: {edge:?}"
        );
    }
}

#[test]
fn opaque_rgba_png_becomes_jpeg() {
    let img = DynamicImage::ImageRgba8(ImageBuffer::from_pixel(500, 300, Rgba([1, 2, 3, 255])));
    let out = process_image(&png(&img), &limits()).unwrap();
    assert_eq!(out.source_mime, MIME_PNG);
    assert_eq!(out.display.mime, MIME_JPEG);
}

#[test]
fn grayscale_png_becomes_grayscale_jpeg() {
    let img = DynamicImage::ImageLuma8(ImageBuffer::from_fn(800, 600, |x, _| {
        Luma([(x % 256) as u8])
    }));
    let out = process_image(&png(&img), &limits()).unwrap();
    assert_eq!(out.display.mime, MIME_JPEG);
    assert!(!decode(&out.display.bytes).color().has_color());
}

#[test]
fn webp_lossless_is_accepted() {
    let mut bytes = Vec::new();
    photo(1500, 500)
        .write_with_encoder(WebPEncoder::new_lossless(&mut bytes))
        .unwrap();
    assert_eq!(sniff_image(&bytes), Some(MIME_WEBP));
    let out = process_image(&bytes, &limits()).unwrap();
    assert_eq!(out.source_mime, MIME_WEBP);
    assert_eq!((out.display.width, out.display.height), (1200, 400));
    assert_eq!(out.display.mime, MIME_JPEG);
}

#[test]
fn small_image_is_not_upscaled() {
    let out = process_image(&jpeg(&photo(320, 200)), &limits()).unwrap();
    assert_eq!((out.display.width, out.display.height), (320, 200));
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (320, 200));
}

#[test]
fn between_thumbnail_and_display_width() {
    let out = process_image(&jpeg(&photo(1000, 500)), &limits()).unwrap();
    assert_eq!((out.display.width, out.display.height), (1000, 500));
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (400, 200));
}

#[test]
fn wide_and_tall_aspect_ratios_are_kept() {
    // Panorama 2400x200 (12:1).
    let out = process_image(&jpeg(&photo(2400, 200)), &limits()).unwrap();
    assert_eq!(
        (out.display.width, out.display.height),
        (DISPLAY_MAX_WIDTH, 100)
    );
    assert_eq!(
        (out.thumbnail.width, out.thumbnail.height),
        (THUMBNAIL_WIDTH, 33)
    );

    // Tall infographic 1240x2480 (1:2): width is the constraint, height follows.
    let out = process_image(&jpeg(&photo(1240, 2480)), &limits()).unwrap();
    assert_eq!((out.display.width, out.display.height), (1200, 2400));
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (400, 800));

    // Tall and narrow (1:4), below display width: only the thumbnail shrinks.
    let out = process_image(&png(&photo(500, 2000)), &limits()).unwrap();
    assert_eq!((out.display.width, out.display.height), (500, 2000));
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (400, 1600));

    // Extreme strip: height never rounds to zero.
    let out = process_image(&png(&photo(2000, 2)), &limits()).unwrap();
    assert_eq!((out.thumbnail.width, out.thumbnail.height), (400, 1));
}

/// A valid PNG signature + IHDR declaring `width`x`height`, then a tiny IDAT and IEND.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn huge_declared_dimensions_are_rejected_before_decoding() {
    let bomb = png_header(100_000, 100_000);
    assert!(bomb.len() < 100);
    let started = std::time::Instant::now();
    let err = process_image(&bomb, &limits()).unwrap_err();
    assert_eq!(
        err,
        MediaError::Dimensions {
            width: 100_000,
            height: 100_000,
            max_width: 8000,
            max_height: 8000
        }
    );
    assert!(started.elapsed().as_millis() < 500, "looks like it decoded");
    assert!(err.to_string().contains("100000×100000"));
}

#[test]
fn one_oversized_side_is_enough() {
    let err = process_image(&png_header(8001, 10), &limits()).unwrap_err();
    assert!(matches!(err, MediaError::Dimensions { width: 8001, .. }));
    let err = process_image(&png_header(10, 9000), &limits()).unwrap_err();
    assert!(matches!(err, MediaError::Dimensions { height: 9000, .. }));
}

#[test]
fn allocation_limit_applies_within_dimension_limits() {
    // 4000x4000 RGBA8 = 64 MB decoded, over a 16 MiB budget.
    let tight = ImageLimits {
        max_alloc: 16 * 1024 * 1024,
        ..ImageLimits::default()
    };
    let err = process_image(&png_header(4000, 4000), &tight).unwrap_err();
    assert!(matches!(
        err,
        MediaError::Dimensions {
            width: 4000,
            height: 4000,
            ..
        }
    ));
}

#[test]
fn truncated_files_are_corrupt() {
    let full = jpeg(&photo(400, 300));
    let err = process_image(&full[..full.len() / 3], &limits());
    // zune-jpeg may fill missing scan data with grey instead of failing; either way no panic
    // and, if it fails, it is Corrupt.
    if let Err(e) = err {
        assert!(matches!(e, MediaError::Corrupt(_)), "{e:?}");
    }
    let err = process_image(&full[..40], &limits()).unwrap_err();
    assert!(matches!(err, MediaError::Corrupt(_)), "{err:?}");

    let full = png(&photo(400, 300));
    let err = process_image(&full[..full.len() / 2], &limits()).unwrap_err();
    assert!(matches!(err, MediaError::Corrupt(_)), "{err:?}");

    // PNG signature followed by garbage.
    let mut garbage = b"\x89PNG\r\n\x1a\n".to_vec();
    garbage.extend_from_slice(&[0xAB; 64]);
    let err = process_image(&garbage, &limits()).unwrap_err();
    assert!(matches!(err, MediaError::Corrupt(_)), "{err:?}");
    assert_eq!(err.to_string(), "Berkas gambar rusak atau tidak lengkap.");
}

#[test]
fn zero_sized_png_is_corrupt() {
    let err = process_image(&png_header(0, 10), &limits()).unwrap_err();
    assert!(matches!(err, MediaError::Corrupt(_)), "{err:?}");
}

#[test]
fn text_is_unsupported_whatever_its_name() {
    let text = b"Siaran pers: Pemerintah Kabupaten meresmikan jembatan baru.\n";
    assert_eq!(sniff_image(text), None);
    let err = process_image(text, &limits()).unwrap_err();
    assert_eq!(err, MediaError::UnsupportedType);
    assert_eq!(err.to_string(), "Berkas bukan gambar JPEG, PNG atau WebP.");
    // GIF and empty input too.
    assert_eq!(
        process_image(b"GIF89a\x01\0\x01\0", &limits()).unwrap_err(),
        MediaError::UnsupportedType
    );
    assert_eq!(
        process_image(b"", &limits()).unwrap_err(),
        MediaError::UnsupportedType
    );
}

#[test]
fn too_many_bytes_is_rejected_first() {
    let small = ImageLimits {
        max_bytes: 1024,
        ..ImageLimits::default()
    };
    let bytes = jpeg(&photo(400, 300));
    assert!(bytes.len() > 1024);
    let err = process_image(&bytes, &small).unwrap_err();
    assert_eq!(
        err,
        MediaError::TooLarge {
            size: bytes.len(),
            max: 1024
        }
    );
    // Size is checked before the type: even non-images get TooLarge.
    let err = process_image(&vec![b'x'; 11 * 1024 * 1024], &limits()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Berkas terlalu besar (11 MB); ukuran maksimum 10 MB."
    );
}

#[test]
fn defaults_match_the_documented_values() {
    let l = ImageLimits::default();
    assert_eq!(l.max_bytes, 10 * 1024 * 1024);
    assert_eq!((l.max_width, l.max_height), (8000, 8000));
    assert_eq!(l.max_alloc, 256 * 1024 * 1024);
}

fn seeds() -> Vec<Vec<u8>> {
    let small = photo(40, 30);
    let mut webp = Vec::new();
    small
        .write_with_encoder(WebPEncoder::new_lossless(&mut webp))
        .unwrap();
    vec![
        jpeg(&small),
        with_segment(&jpeg(&small), &exif_app1(8)),
        png(&small),
        webp,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = process_image(&bytes, &limits());
    }

    #[test]
    fn random_bytes_after_each_signature_never_panic(
        which in 0usize..3,
        tail in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = match which {
            0 => vec![0xFF, 0xD8, 0xFF],
            1 => b"\x89PNG\r\n\x1a\n".to_vec(),
            _ => b"RIFF\0\0\0\0WEBP".to_vec(),
        };
        bytes.extend_from_slice(&tail);
        let _ = process_image(&bytes, &limits());
    }

    #[test]
    fn mutated_valid_images_never_panic(
        which in 0usize..4,
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = seeds().swap_remove(which);
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        bytes.truncate(cut.index(bytes.len()) + 1);
        if let Ok(out) = process_image(&bytes, &limits()) {
            prop_assert!(out.display.width <= DISPLAY_MAX_WIDTH);
            prop_assert!(out.thumbnail.width <= THUMBNAIL_WIDTH);
        }
    }
}
