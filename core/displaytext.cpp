#include "displaytext.h"

#include "core/tr.h"

#include <QLocale>

namespace Pot {

QString shownText(const QString &text, qsizetype max)
{
    if (!isCut(text, max))
        return text;
    qsizetype keep = std::max<qsizetype>(0, max);
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep;
    return text.left(keep) + Tr::tr("… (%1 characters in all)").arg(QLocale().toString(text.size()));
}

} // namespace Pot
