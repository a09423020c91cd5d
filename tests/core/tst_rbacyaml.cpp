#include "core/rbac/rbac.h"
#include "core/rbac/rbacyaml.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Pot;
using namespace Pot::Rbac;

namespace {

QJsonObject fixtureObject(const QString &name)
{
    return QJsonDocument::fromJson(Test::fixture(name)).object();
}

} // namespace

/// YAML of Role, RoleBinding and ServiceAccount (controller-api.md §4.5), generated for editing and
/// checked before upload.
class TstRbacYaml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void fixtureRoleRoundTrips()
    {
        const QJsonObject role = fixtureObject(QStringLiteral("GET_roles_NAME__nats-operator.json"))
                                     .value(u"role").toObject();
        const QByteArray yaml = toYaml(Kind::Role, role);
        QVERIFY2(yaml.startsWith("apiVersion: datasance.com/v3\nkind: Role\nmetadata:\n  name: "
                                 "nats-operator\nrules:\n"),
                 yaml.constData());
        QVERIFY2(yaml.contains("apiGroups: [\"\"]"), yaml.constData());
        QCOMPARE(yaml, QByteArray("apiVersion: datasance.com/v3\n"
                                  "kind: Role\n"
                                  "metadata:\n"
                                  "  name: nats-operator\n"
                                  "rules:\n"
                                  "  - apiGroups: [\"\"]\n"
                                  "    resources: [natsAccounts, natsUsers, natsAccountRules, natsUserRules]\n"
                                  "    verbs: [get, list, create, patch, delete]\n"
                                  "  - apiGroups: [\"\"]\n"
                                  "    resources: [natsOperator, natsHub]\n"
                                  "    verbs: [get]\n"
                                  "  - apiGroups: [\"\"]\n"
                                  "    resources: [applications]\n"
                                  "    verbs: [get, list]\n"
                                  "    resourceNames: [foo-producer, foo-consumer]\n"));
        QVERIFY(!yaml.contains("createdAt"));
        QVERIFY(!yaml.contains("spec"));
        const auto doc = parseYaml(yaml, Kind::Role);
        QVERIFY_RESULT(doc);
        QCOMPARE(doc->name, QStringLiteral("nats-operator"));
        // The parsed rules are the role's rules; resourceNames: null stays absent.
        const auto back = parseRole(doc->json);
        const auto original = parseRole(role);
        QVERIFY_RESULT(back);
        QCOMPARE(back->rules, original->rules);
        QVERIFY(!doc->json.value(u"rules").toArray().at(0).toObject().contains(u"resourceNames"));
        QCOMPARE(doc->json.value(u"rules").toArray().at(2).toObject().value(u"resourceNames"),
                 QJsonValue(QJsonArray{QStringLiteral("foo-producer"), QStringLiteral("foo-consumer")}));
    }

    void bindingAndServiceAccountRoundTrip()
    {
        const QJsonObject binding = fixtureObject(QStringLiteral("GET_rolebindings.json"))
                                        .value(u"bindings").toArray().at(1).toObject();
        auto b = parseYaml(toYaml(Kind::RoleBinding, binding), Kind::RoleBinding);
        QVERIFY_RESULT(b);
        QCOMPARE(b->json.value(u"roleRef").toObject().value(u"name").toString(),
                 QStringLiteral("cert-viewer"));
        QCOMPARE(b->json.value(u"subjects"), binding.value(u"subjects"));

        const QJsonObject sa = fixtureObject(QStringLiteral("GET_serviceaccounts__initial.json"))
                                   .value(u"serviceAccounts").toArray().at(0).toObject();
        const QByteArray yaml = toYaml(Kind::ServiceAccount, sa);
        QVERIFY2(yaml.contains("applicationName: foo-producer"), yaml.constData());
        auto s = parseYaml(yaml, Kind::ServiceAccount);
        QVERIFY_RESULT(s);
        QCOMPARE(s->name, QStringLiteral("temp-sensor"));
        QCOMPARE(s->applicationName, QStringLiteral("foo-producer"));
        QCOMPARE(s->json.value(u"roleRef").toObject().value(u"name").toString(),
                 QStringLiteral("microservice"));
    }

    void capturedRequestsAreAccepted_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        QTest::newRow("role") << "POST_roles_yaml__cert-viewer.request.yaml" << "Role" << "cert-viewer";
        QTest::newRow("role patch") << "PATCH_roles_yaml_NAME__cert-viewer.request.yaml" << "Role"
                                    << "cert-viewer";
        QTest::newRow("binding") << "POST_rolebindings_yaml__cert-viewers.request.yaml"
                                 << "RoleBinding" << "cert-viewers";
    }
    void capturedRequestsAreAccepted()
    {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        QFETCH(QString, name);
        const auto doc = parseYaml(Test::fixture(file), *kindFromName(kind));
        QVERIFY_RESULT(doc);
        QCOMPARE(doc->name, name);
        QVERIFY(doc->warnings.isEmpty());
    }

    void badDocumentsAreRefusedWithAPosition_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("captured syntax error")
            << Test::fixture(QStringLiteral("POST_roles_yaml__malformed-yaml_400.request.yaml"))
            << "Role" << "Line 7, column 5: ";
        QTest::newRow("captured wrong kind")
            << Test::fixture(QStringLiteral("POST_roles_yaml__wrong-kind_400.request.yaml")) << "Role"
            << "Line 2, column 7: kind is ClusterRole, but this editor saves a Role.";
        QTest::newRow("binding in the role editor")
            << Test::fixture(QStringLiteral("POST_rolebindings_yaml__cert-viewers.request.yaml"))
            << "Role" << "kind is RoleBinding, but this editor saves a Role.";
        QTest::newRow("empty") << QByteArray("  \n") << "Role" << "The text is empty.";
        QTest::newRow("two documents")
            << QByteArray("kind: Role\n---\nkind: Role\n") << "Role" << "Only one document per upload";
        QTest::newRow("no name") << QByteArray("kind: Role\nmetadata: {}\nrules: []\n") << "Role"
                                 << "metadata.name is missing.";
        QTest::newRow("bad name") << QByteArray("kind: Role\nmetadata:\n  name: Cert_Viewer\n") << "Role"
                                  << "Line 3, column 9: metadata.name “Cert_Viewer” is not a valid name";
        QTest::newRow("system role") << QByteArray("kind: Role\nmetadata: {name: sre}\nrules: []\n")
                                     << "Role" << "sre is a built-in role";
        QTest::newRow("rules under spec")
            << QByteArray("kind: Role\nmetadata: {name: r}\nspec:\n  rules: []\n") << "Role"
            << "rules is missing: it goes at top level, not under spec.";
        QTest::newRow("no rules") << QByteArray("kind: Role\nmetadata: {name: r}\nrules: []\n") << "Role"
                                  << "Line 3, column 8: rules must be a list with at least one rule.";
        QTest::newRow("unknown verb")
            << QByteArray("kind: Role\nmetadata: {name: r}\nrules:\n  - apiGroups: [\"\"]\n"
                          "    resources: [fogs]\n    verbs: [get, watch]\n")
            << "Role" << "Line 6, column 18: rules[1].verbs: unknown verb “watch”";
        QTest::newRow("verbs not a list")
            << QByteArray("kind: Role\nmetadata: {name: r}\nrules:\n  - apiGroups: [\"\"]\n"
                          "    resources: [fogs]\n    verbs: get\n")
            << "Role" << "Line 6, column 12: rules[1].verbs must be a list";
        QTest::newRow("no apiGroups")
            << QByteArray("kind: Role\nmetadata: {name: r}\nrules:\n  - resources: [fogs]\n    verbs: [get]\n")
            << "Role" << "rules[1].apiGroups is missing.";
        QTest::newRow("binding without subjects")
            << QByteArray("kind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: viewer}\n")
            << "RoleBinding" << "subjects is missing";
        QTest::newRow("binding subject kind")
            << QByteArray("kind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: viewer}\n"
                          "subjects:\n  - {kind: Team, name: x}\n")
            << "RoleBinding" << "subjects[1].kind must be User, Group or ServiceAccount.";
        QTest::newRow("binding roleRef kind")
            << QByteArray("kind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: ClusterRole, name: viewer}\n"
                          "subjects:\n  - {kind: User, name: x}\n")
            << "RoleBinding" << "roleRef.kind must be Role.";
        QTest::newRow("service account without application")
            << QByteArray("kind: ServiceAccount\nmetadata: {name: sa}\nroleRef: {kind: Role, name: microservice}\n")
            << "ServiceAccount" << "metadata.applicationName is missing.";
        QTest::newRow("not a map") << QByteArray("- kind: Role\n") << "Role"
                                   << "The document must be a map";
    }
    void badDocumentsAreRefusedWithAPosition()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const auto doc = parseYaml(yaml, *kindFromName(kind));
        QVERIFY(!doc);
        QCOMPARE(doc.error().code, ErrorCode::InvalidInput);
        QVERIFY2(doc.error().message.contains(message), qPrintable(doc.error().message));
    }

    void capitalisedGroupIsAcceptedWithAWarning()
    {
        const auto doc = parseYaml("kind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: viewer}\n"
                                   "subjects:\n  - {kind: Group, name: Auditors}\n",
                                   Kind::RoleBinding);
        QVERIFY_RESULT(doc);
        QCOMPARE(doc->warnings.size(), 1);
        QVERIFY(doc->warnings.constFirst().contains(u"Use “auditors”"));
    }

    void templatesAreValid_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("Role") << "Role";
        QTest::newRow("RoleBinding") << "RoleBinding";
        QTest::newRow("ServiceAccount") << "ServiceAccount";
    }
    void templatesAreValid()
    {
        QFETCH(QString, kind);
        const Kind k = *kindFromName(kind);
        QVERIFY_RESULT(parseYaml(templateYaml(k), k));
        QCOMPARE(kindName(k), kind);
    }

    void fieldNamesAndNames()
    {
        QCOMPARE(uploadField(Kind::Role), QByteArray("role"));
        QCOMPARE(uploadField(Kind::RoleBinding), QByteArray("rolebinding"));
        QCOMPARE(uploadField(Kind::ServiceAccount), QByteArray("serviceaccount"));
        QVERIFY(!kindFromName(QStringLiteral("role")));
        QVERIFY(isValidObjectName(QStringLiteral("a.b-c.d0")));
        QVERIFY(!isValidObjectName(QStringLiteral("-a")));
        QVERIFY(!isValidObjectName(QStringLiteral("a.")));
        QVERIFY(!isValidObjectName(QString(256, u'a')));
        QVERIFY(isValidObjectName(QString(255, u'a')));
    }

    void quotedValuesSurvive()
    {
        // Wildcards and values YAML would otherwise read differently are quoted.
        const QJsonObject role{
            {QStringLiteral("name"), QStringLiteral("wild")},
            {QStringLiteral("rules"),
             QJsonArray{QJsonObject{{QStringLiteral("apiGroups"), QJsonArray{QStringLiteral("*")}},
                                    {QStringLiteral("resources"), QJsonArray{QStringLiteral("nats*")}},
                                    {QStringLiteral("verbs"), QJsonArray{QStringLiteral("*")}},
                                    {QStringLiteral("resourceNames"),
                                     QJsonArray{QStringLiteral("yes"), QStringLiteral("a: b"),
                                                QStringLiteral("#x")}}}}}};
        const auto doc = parseYaml(toYaml(Kind::Role, role), Kind::Role);
        QVERIFY_RESULT(doc);
        QCOMPARE(doc->json.value(u"rules"), role.value(u"rules"));
    }
};

QTEST_GUILESS_MAIN(TstRbacYaml)
#include "tst_rbacyaml.moc"
