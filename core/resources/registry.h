#pragma once

#include "core/resources/kind.h"

#include <QList>

namespace Pot::Resources {

/// The kinds the console shows through the generic resource page, in sidebar order. Made once by
/// the composition root and handed to every cluster view (no global).
class Registry final
{
public:
    /// Every built-in kind.
    Registry();
    /// Only `kinds` (tests).
    explicit Registry(QList<Kind> kinds) : m_kinds(std::move(kinds)) {}

    const QList<Kind> &kinds() const { return m_kinds; }
    /// nullptr when there is no kind `id`.
    const Kind *find(const QString &id) const;

private:
    QList<Kind> m_kinds;
};

} // namespace Pot::Resources
