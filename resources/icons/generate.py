#!/usr/bin/env python3
"""Regenerates every raster icon from pot-console.svg.

Run from anywhere after editing the SVG; needs rsvg-convert (Debian: librsvg2-bin), which is only
needed here, not to build. Writes the hicolor PNGs, installer/windows/pot-console.ico and
installer/macos/pot-console.icns (both containers hold PNG entries, supported since Windows Vista
and Mac OS X 10.7).
"""
import pathlib
import struct
import subprocess
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SVG = HERE / "pot-console.svg"
APP_ID = "com.datasance.PotConsole"
HICOLOR_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
# ICNS PNG types: 16/32 plain, @2x variants, up to 1024.
ICNS_TYPES = [(b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"ic12", 64), (b"ic07", 128),
              (b"ic13", 256), (b"ic08", 256), (b"ic14", 512), (b"ic09", 512), (b"ic10", 1024)]


def render(size: int, out: pathlib.Path) -> bytes:
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), str(SVG), "-o", str(out)],
                   check=True)
    return out.read_bytes()


def write_ico(pngs: dict, out: pathlib.Path) -> None:
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(header) + 16 * len(ICO_SIZES)
    entries, blobs = b"", b""
    for size in ICO_SIZES:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    out.write_bytes(header + entries + blobs)


def write_icns(pngs: dict, out: pathlib.Path) -> None:
    body = b"".join(kind + struct.pack(">I", len(pngs[size]) + 8) + pngs[size]
                    for kind, size in ICNS_TYPES)
    out.write_bytes(b"icns" + struct.pack(">I", len(body) + 8) + body)


def main() -> None:
    pngs = {}
    for size in HICOLOR_SIZES:
        pngs[size] = render(size, HERE / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    with tempfile.TemporaryDirectory() as tmp:
        pngs[1024] = render(1024, pathlib.Path(tmp) / "1024.png")
    write_ico(pngs, ROOT / "installer" / "windows" / "pot-console.ico")
    write_icns(pngs, ROOT / "installer" / "macos" / "pot-console.icns")


if __name__ == "__main__":
    main()
