#pragma once

#include "core/result.h"

#include <QString>

namespace Pot::Test {

/// Files of a throw-away PKI made with the openssl command line tool: a root CA and a server
/// certificate for 127.0.0.1/localhost signed by it (EC P-256, valid two days).
struct PkiFiles
{
    QString caCert;     ///< PEM
    QString serverCert; ///< PEM
    QString serverKey;  ///< PEM, unencrypted
};

/// Creates the PKI in `dir` (which must exist). `prefix` keeps several PKIs apart in one directory.
Result<PkiFiles> makePkiFiles(const QString &dir, const QString &prefix = QStringLiteral("test"));

} // namespace Pot::Test
