#include "testutil.h"

#include <QFile>
#include <QLocale>

namespace Pot::Test {

QString dataPath(const QString &relative)
{
    return QStringLiteral(POT_TEST_DATA_DIR) + u'/' + relative;
}

QByteArray readData(const QString &relative)
{
    QFile f(dataPath(relative));
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("missing test data: %s", qPrintable(f.fileName()));
        return {};
    }
    return f.readAll();
}

QByteArray fixture(const QString &name)
{
    return readData(u"controller-3.7.3/" + name);
}

void initTestEnvironment()
{
    QLocale::setDefault(QLocale::c());
}

} // namespace Pot::Test
