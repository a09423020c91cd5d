#include "core/rbac/rbac.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Pot;
using namespace Pot::Rbac;

namespace {

QJsonObject fixtureObject(const QString &name)
{
    return QJsonDocument::fromJson(Test::fixture(name)).object();
}

Subject group(const QString &name)
{
    return Subject{QStringLiteral("Group"), name};
}

QStringList words(const char *spaceSeparated)
{
    return QString::fromLatin1(spaceSeparated).split(u' ');
}

Subject user(const QString &name)
{
    return Subject{QStringLiteral("User"), name};
}

/// The authorizer as the console holds it after reading GET /roles (with the fixture role
/// nats-operator) and GET /rolebindings.
Authorizer capturedAuthorizer()
{
    Authorizer a;
    QList<Role> roles = *parseRoles(fixtureObject(QStringLiteral("GET_roles.json")));
    roles << *parseRole(fixtureObject(QStringLiteral("GET_roles_NAME__nats-operator.json")));
    a.setRoles(roles);
    a.setBindings(*parseBindings(fixtureObject(QStringLiteral("GET_rolebindings.json"))));
    return a;
}

} // namespace

/// The local RBAC evaluator against the Controller 3.7.3 rules (controller-api.md §6).
class TstRbac : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void matchesPattern_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("matches");
        QTest::newRow("star matches anything") << "*" << "natsAccounts" << true;
        QTest::newRow("star matches empty") << "*" << "" << true;
        QTest::newRow("prefix") << "nats*" << "natsAccounts" << true;
        QTest::newRow("prefix itself") << "nats*" << "nats" << true;
        QTest::newRow("prefix mismatch") << "nats*" << "fogs" << false;
        QTest::newRow("prefix is case-sensitive") << "nats*" << "NatsHub" << false;
        QTest::newRow("exact") << "fogs" << "fogs" << true;
        QTest::newRow("exact is not prefix") << "fog" << "fogs" << false;
        QTest::newRow("exact is case-sensitive") << "fogs" << "Fogs" << false;
        QTest::newRow("star inside is literal") << "n*s" << "nats" << false;
        QTest::newRow("empty apiGroup") << "" << "" << true;
        QTest::newRow("agent apiGroup vs core") << "agent.datasance.com/v3" << "" << false;
    }
    void matchesPattern()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, value);
        QFETCH(bool, matches);
        QCOMPARE(Rbac::matchesPattern(pattern, value), matches);
    }

    void systemRolesAreTheCapturedOnes()
    {
        // The built-ins equal GET /roles of the capture, in its order.
        const QList<Role> captured = *parseRoles(fixtureObject(QStringLiteral("GET_roles.json")));
        const QList<Role> builtin = systemRoles();
        QCOMPARE(builtin.size(), 6);
        QStringList names;
        for (const Role &r : builtin) {
            names << r.name;
            QVERIFY(r.system);
        }
        QCOMPARE(names, words("microservice agent-admin viewer developer sre admin"));
        for (int i = 0; i < builtin.size(); ++i) {
            QCOMPARE(builtin.at(i).name, captured.at(i).name);
            QCOMPARE(builtin.at(i).rules, captured.at(i).rules);
        }
        QVERIFY(isSystemRoleName(QStringLiteral("SRE")));
        QVERIFY(isSystemRoleName(QStringLiteral("Agent-Admin")));
        QVERIFY(!isSystemRoleName(QStringLiteral("nats-operator")));
    }

    void systemRoleGrants_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("verb");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("viewer lists fogs") << "viewer" << "fogs" << "list" << true;
        QTest::newRow("viewer gets fogs") << "viewer" << "fogs" << "get" << true;
        QTest::newRow("viewer cannot patch fogs") << "viewer" << "fogs" << "patch" << false;
        QTest::newRow("viewer cannot create roles") << "viewer" << "roles" << "create" << false;
        QTest::newRow("viewer reads secrets") << "viewer" << "secrets" << "get" << true;
        QTest::newRow("viewer cannot list events") << "viewer" << "events" << "list" << false;
        QTest::newRow("sre patches fogs") << "sre" << "fogs" << "patch" << true;
        QTest::newRow("sre deletes events") << "sre" << "events" << "delete" << true;
        QTest::newRow("sre cannot rotate operator") << "sre" << "natsOperator" << "update" << false;
        QTest::newRow("sre reads operator") << "sre" << "natsOperator" << "get" << true;
        QTest::newRow("sre cannot create roles") << "sre" << "roles" << "create" << false;
        QTest::newRow("sre lists roles") << "sre" << "roles" << "list" << true;
        QTest::newRow("sre has no cluster") << "sre" << "cluster" << "list" << false;
        QTest::newRow("sre has no bootstrap") << "sre" << "natsBootstrap" << "get" << false;
        QTest::newRow("developer gets fogs") << "developer" << "fogs" << "get" << true;
        QTest::newRow("developer lists fogs") << "developer" << "fogs" << "list" << true;
        QTest::newRow("developer cannot delete fogs") << "developer" << "fogs" << "delete" << false;
        QTest::newRow("developer creates applications")
            << "developer" << "applications" << "create" << true;
        QTest::newRow("developer cannot patch hub") << "developer" << "natsHub" << "update" << false;
        QTest::newRow("admin rotates operator") << "admin" << "natsOperator" << "update" << true;
        QTest::newRow("admin creates roles") << "admin" << "roles" << "create" << true;
        QTest::newRow("admin deletes cluster") << "admin" << "cluster" << "delete" << true;
        QTest::newRow("admin on unknown resource") << "admin" << "anything" << "whatever" << true;
        QTest::newRow("agent-admin not on core fogs") << "agent-admin" << "fogs" << "get" << false;
        QTest::newRow("agent-admin not on core star") << "agent-admin" << "roles" << "list" << false;
        QTest::newRow("microservice not on core config")
            << "microservice" << "config" << "get" << false;
    }
    void systemRoleGrants()
    {
        QFETCH(QString, role);
        QFETCH(QString, resource);
        QFETCH(QString, verb);
        QFETCH(bool, allowed);
        const Authorizer a;
        const Decision d = a.decide({group(role)}, resource, verb);
        QCOMPARE(d.allowed, allowed);
        if (allowed) {
            QCOMPARE(d.grant.roleName, role);
            QCOMPARE(d.grant.via, QStringLiteral("group %1").arg(role));
            QVERIFY(ruleMatches(d.grant.rule, resource, verb, {}));
        } else {
            QVERIFY(d.grant.roleName.isEmpty());
            QVERIFY(d.grant.describe().isEmpty());
        }
    }

    void everySystemRoleUserWithoutGroupGetsNothing()
    {
        // A User subject named like a system role is not a group: no direct grant.
        const Authorizer a;
        QVERIFY(!a.decide({user(QStringLiteral("admin"))}, QStringLiteral("fogs"),
                          QStringLiteral("list"))
                     .allowed);
        QVERIFY(!a.decide({}, QStringLiteral("fogs"), QStringLiteral("list")).allowed);
    }

    void adminAllowsTheWholeCatalogue()
    {
        const Authorizer a;
        for (const QString &resource : catalogResources()) {
            for (const QString &verb : catalogVerbs())
                QVERIFY2(a.decide({group(QStringLiteral("admin"))}, resource, verb).allowed,
                         qPrintable(resource + u':' + verb));
        }
    }

    void bindingGrantsExactlyItsResourceNames_data()
    {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("verb");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<int>("ruleIndex");
        QTest::newRow("named application") << "applications" << "get" << "foo-producer" << true << 2;
        QTest::newRow("other named application")
            << "applications" << "list" << "foo-consumer" << true << 2;
        QTest::newRow("unnamed application") << "applications" << "get" << "bar" << false << -1;
        QTest::newRow("application without name") << "applications" << "list" << "" << false << -1;
        QTest::newRow("application delete") << "applications" << "delete" << "foo-producer"
                                            << false << -1;
        QTest::newRow("any account") << "natsAccounts" << "create" << "whatever" << true << 0;
        QTest::newRow("account update not granted") << "natsAccounts" << "update" << "x" << false
                                                    << -1;
        QTest::newRow("operator get") << "natsOperator" << "get" << "" << true << 1;
        QTest::newRow("operator rotate") << "natsOperator" << "update" << "" << false << -1;
        QTest::newRow("fogs") << "fogs" << "list" << "" << false << -1;
    }
    void bindingGrantsExactlyItsResourceNames()
    {
        QFETCH(QString, resource);
        QFETCH(QString, verb);
        QFETCH(QString, name);
        QFETCH(bool, allowed);
        QFETCH(int, ruleIndex);
        const Authorizer a = capturedAuthorizer();
        const Decision d = a.decide({user(QStringLiteral("fixture-operator"))}, resource, verb, name);
        QCOMPARE(d.allowed, allowed);
        QCOMPARE(d.grant.ruleIndex, ruleIndex);
        if (allowed) {
            QCOMPARE(d.grant.roleName, QStringLiteral("nats-operator"));
            QCOMPARE(d.grant.via, QStringLiteral("binding nats-operators"));
        }
        // Someone not in the binding gets nothing from it.
        QVERIFY(!a.decide({user(QStringLiteral("fixture-auditor"))}, resource, verb, name).allowed);
    }

    void bindingSubjectMatchIsExact()
    {
        Authorizer a = capturedAuthorizer();
        a.setBindings({RoleBinding{QStringLiteral("auditors"), QStringLiteral("nats-operator"),
                                   {group(QStringLiteral("Auditors"))}}});
        // Token roles are lower-cased, so a binding to "Auditors" never matches…
        const QList<Subject> fromToken = subjectsFromToken(QStringLiteral("alice"),
                                                           {QStringLiteral("Auditors")});
        QVERIFY(!a.decide(fromToken, QStringLiteral("natsOperator"), QStringLiteral("get")).allowed);
        // …while one to "auditors" does; a User of the same name is a different subject.
        a.setBindings({RoleBinding{QStringLiteral("auditors"), QStringLiteral("nats-operator"),
                                   {group(QStringLiteral("auditors"))}}});
        QVERIFY(a.decide(fromToken, QStringLiteral("natsOperator"), QStringLiteral("get")).allowed);
        QVERIFY(!a.decide({user(QStringLiteral("auditors"))}, QStringLiteral("natsOperator"),
                          QStringLiteral("get"))
                     .allowed);
    }

    void subjectsFromTokenLowerCasesGroups()
    {
        const QList<Subject> s = subjectsFromToken(QStringLiteral("Fixture-Admin"),
                                                   {QStringLiteral("Admin"), QStringLiteral("SRE")});
        QCOMPARE(s.size(), 3);
        QCOMPARE(s.at(0), user(QStringLiteral("Fixture-Admin"))); // the user name keeps its case
        QCOMPARE(s.at(1), group(QStringLiteral("admin")));
        QCOMPARE(s.at(2), group(QStringLiteral("sre")));
        QVERIFY(subjectsFromToken({}, {}).isEmpty());
        // "Admin" from Keycloak grants the admin role.
        const Authorizer a;
        const Decision d = a.decide(s, QStringLiteral("roles"), QStringLiteral("create"));
        QVERIFY(d.allowed);
        QCOMPARE(d.grant.via, QStringLiteral("group admin"));
    }

    void deletedRoleLeavesItsBindingGrantingNothing()
    {
        Authorizer a = capturedAuthorizer();
        const QList<Subject> op{user(QStringLiteral("fixture-operator"))};
        QVERIFY(a.decide(op, QStringLiteral("natsAccounts"), QStringLiteral("list")).allowed);
        // GET /roles after DELETE /roles/nats-operator: the binding is still there.
        a.setRoles(*parseRoles(fixtureObject(QStringLiteral("GET_roles.json"))));
        QCOMPARE(a.bindings().size(), 2);
        QCOMPARE(a.role(QStringLiteral("nats-operator")), nullptr);
        QVERIFY(!a.decide(op, QStringLiteral("natsAccounts"), QStringLiteral("list")).allowed);
        QVERIFY(!a.decide(op, QStringLiteral("natsOperator"), QStringLiteral("get")).allowed);
    }

    void builtInRolesSurviveAListWithoutThem()
    {
        Authorizer a;
        a.setRoles({*parseRole(fixtureObject(QStringLiteral("GET_roles_NAME__nats-operator.json")))});
        QVERIFY(a.role(QStringLiteral("viewer")));
        QVERIFY(a.role(QStringLiteral("Viewer"))); // system roles are found in any case
        QVERIFY(a.role(QStringLiteral("nats-operator")));
        QVERIFY(!a.role(QStringLiteral("NATS-operator")));
        QVERIFY(a.decide({group(QStringLiteral("viewer"))}, QStringLiteral("fogs"),
                         QStringLiteral("list"))
                    .allowed);
    }

    void grantDescribesRoleRuleAndVia()
    {
        const Authorizer a = capturedAuthorizer();
        const Decision named = a.decide({user(QStringLiteral("fixture-operator"))},
                                        QStringLiteral("applications"), QStringLiteral("get"),
                                        QStringLiteral("foo-producer"));
        QVERIFY(named.allowed);
        QCOMPARE(named.grant.describe(),
                 QStringLiteral("role nats-operator, rule 3 (applications × get, list) on "
                                "foo-producer, foo-consumer, via binding nats-operators"));
        const Decision viaGroup = a.decide({group(QStringLiteral("viewer"))}, QStringLiteral("fogs"),
                                           QStringLiteral("list"));
        QVERIFY(viaGroup.grant.describe().startsWith(u"role viewer, rule 1 (microservices, fogs"));
        QVERIFY(viaGroup.grant.describe().endsWith(u" × get, list), via group viewer"));
    }

    void parseRejectsBrokenAnswers()
    {
        QVERIFY(!parseRoles(QJsonObject{{QStringLiteral("nothing"), 1}}));
        QVERIFY(!parseRole(QJsonObject{{QStringLiteral("rules"), QJsonArray()}}));
        QVERIFY(!parseBindings(QJsonObject{{QStringLiteral("bindings"), 3}}));
        const auto bindings = parseBindings(fixtureObject(QStringLiteral("GET_rolebindings.json")));
        QVERIFY_RESULT(bindings);
        QCOMPARE(bindings->size(), 2);
        QCOMPARE(bindings->at(1).roleName, QStringLiteral("cert-viewer"));
        QCOMPARE(bindings->at(1).subjects.at(1),
                 (Subject{QStringLiteral("ServiceAccount"), QStringLiteral("temp-sensor")}));
        // resourceNames: null in the answer means "any name".
        const auto role = parseRole(fixtureObject(QStringLiteral("GET_roles_NAME__nats-operator.json")));
        QVERIFY_RESULT(role);
        QVERIFY(role->rules.at(0).resourceNames.isEmpty());
        QCOMPARE(role->rules.at(2).resourceNames,
                 (QStringList{QStringLiteral("foo-producer"), QStringLiteral("foo-consumer")}));
        QVERIFY(!role->system);
    }

    void catalogue()
    {
        QCOMPARE(catalogVerbs(), words("get list create update patch delete"));
        QCOMPARE(catalogResources().first(), QStringLiteral("microservices"));
        QVERIFY(catalogResources().contains(QStringLiteral("natsOperator")));
        QCOMPARE(catalogResources().last(), QStringLiteral("serviceAccounts"));
        QStringList unique = catalogResources();
        QCOMPARE(unique.removeDuplicates(), 0);
    }
};

QTEST_GUILESS_MAIN(TstRbac)
#include "tst_rbac.moc"
