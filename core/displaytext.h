#pragma once

#include <QString>

namespace Pot {

/// Longest text a table cell shows (the tooltip and the detail pane show more).
inline constexpr qsizetype MaxCellChars = 256;
/// Longest text a tooltip or a one-line status field shows.
inline constexpr qsizetype MaxTipChars = 1024;
/// Longest value a detail row shows; Copy gives the whole value.
inline constexpr qsizetype MaxDetailChars = 4096;

/// `text` as shown in at most `max` characters: longer text is cut (never inside a surrogate pair)
/// and ends with "… (N characters in all)". A Controller can send a field of any size; laying out
/// tens of megabytes of text would freeze the GUI and take gigabytes.
QString shownText(const QString &text, qsizetype max);

/// Whether shownText() would cut `text`.
inline bool isCut(const QString &text, qsizetype max)
{
    return text.size() > max;
}

} // namespace Pot
