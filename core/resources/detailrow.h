#pragma once

#include <QString>

namespace Pot {

/// One labelled value in a detail pane, in a named group ("Health", "Limits"...).
struct DetailRow
{
    DetailRow() = default;
    DetailRow(QString g, QString l, QString v, QString h = {}, bool s = false, bool w = false)
        : group(std::move(g)), label(std::move(l)), value(std::move(v)), hint(std::move(h))
        , sensitive(s), warning(w)
    {}

    QString group;
    QString label;
    QString value;
    QString hint;           ///< tooltip: exact value, unit, or why it matters
    bool sensitive = false; ///< hidden until the user reveals it
    bool warning = false;   ///< value needs the user's attention

    bool operator==(const DetailRow &) const = default;
};

} // namespace Pot
