#include "securefile.h"

#include "core/logging.h"
#include "core/tr.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_WIN
#include <QSaveFile>
#include <aclapi.h>
#include <windows.h>
#else
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Pot {

namespace {

Error refusedExisting(const QString &path)
{
    return Error(ErrorCode::Conflict,
                 Tr::tr("%1 already exists; not overwriting it (use --force to replace it).").arg(path));
}

Error refusedLink(const QString &path)
{
    const QString target = QFileInfo(path).symLinkTarget();
    return Error(ErrorCode::Conflict,
                 Tr::tr("%1 is a symbolic link (to %2); not writing through it (use --force to replace "
                        "the link itself with a new file; what it points to is left alone).")
                     .arg(path, target.isEmpty() ? Tr::tr("an unreadable target") : target));
}

#ifndef Q_OS_WIN

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

/// Writes all of `content` to `fd`, retrying short writes and interrupted calls.
bool writeAll(int fd, QByteArrayView content)
{
    const char *p = content.data();
    qsizetype left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += n;
        left -= n;
    }
    return true;
}

/// The temporary file: created 0600 in the target's folder, removed again unless committed.
class TempFile
{
public:
    explicit TempFile(const QString &target)
    {
        const QFileInfo info(target);
        m_name = QFile::encodeName(info.absolutePath() + u"/." + info.fileName() + u".XXXXXX");
        // mkostemp: O_RDWR|O_CREAT|O_EXCL with mode 0600 (minus the umask, never more).
        m_fd = ::mkostemp(m_name.data(), O_CLOEXEC);
        if (m_fd < 0)
            m_error = errno;
    }
    ~TempFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_committed && created())
            ::unlink(m_name.constData());
    }
    TempFile(const TempFile &) = delete;
    TempFile &operator=(const TempFile &) = delete;

    int fd() const { return m_fd; }
    int error() const { return m_error; }
    const char *name() const { return m_name.constData(); }
    /// Closes the descriptor; false (with error()) when the data did not reach the disk.
    bool close()
    {
        const int rc = ::close(m_fd);
        m_fd = -1;
        m_closed = true;
        if (rc != 0)
            m_error = errno;
        return rc == 0;
    }
    void setCommitted() { m_committed = true; }
    void setError(int error) { m_error = error; }

private:
    bool created() const { return m_fd >= 0 || m_closed; }

    QByteArray m_name;
    int m_fd = -1;
    int m_error = 0;
    bool m_closed = false;
    bool m_committed = false;
};

Status writeUnix(const QString &path, QByteArrayView content, bool replace)
{
    const QByteArray target = QFile::encodeName(path);
    struct stat st {};
    if (::lstat(target.constData(), &st) == 0) {
        if (S_ISLNK(st.st_mode)) {
            if (!replace)
                return refusedLink(path);
        } else if (S_ISDIR(st.st_mode)) {
            return Error(ErrorCode::Io, Tr::tr("%1 is a directory.").arg(path));
        } else if (!S_ISREG(st.st_mode)) {
            return Error(ErrorCode::Io, Tr::tr("%1 is not a regular file; not replacing it.").arg(path));
        } else if (!replace) {
            return refusedExisting(path);
        }
    } else if (errno != ENOENT) {
        return Error(ErrorCode::Io, Tr::tr("Cannot write %1.").arg(path), systemError(errno));
    }

    TempFile temp(path);
    if (temp.fd() < 0)
        return Error(ErrorCode::Io, Tr::tr("Cannot write %1.").arg(path), systemError(temp.error()));
    // Exactly 0600 before any byte arrives (a umask such as 0277 would leave it unwritable).
    if (::fchmod(temp.fd(), S_IRUSR | S_IWUSR) != 0)
        return Error(ErrorCode::Io, Tr::tr("Cannot restrict the permissions of %1.").arg(path),
                     systemError(errno));
    if (!writeAll(temp.fd(), content) || ::fsync(temp.fd()) != 0)
        return Error(ErrorCode::Io, Tr::tr("Cannot write %1.").arg(path), systemError(errno));
    if (!temp.close())
        return Error(ErrorCode::Io, Tr::tr("Cannot write %1.").arg(path), systemError(temp.error()));

    if (replace) {
        // rename() replaces a symbolic link itself, never the file it points to.
        if (::rename(temp.name(), target.constData()) != 0)
            return Error(ErrorCode::Io, Tr::tr("Cannot save %1.").arg(path), systemError(errno));
        temp.setCommitted();
    } else {
        // link() fails with EEXIST if something appeared at `path` since the check above.
        if (::link(temp.name(), target.constData()) != 0) {
            const int error = errno;
            if (error == EEXIST)
                return refusedExisting(path);
            if (error != EPERM && error != ENOTSUP && error != EOPNOTSUPP && error != EMLINK)
                return Error(ErrorCode::Io, Tr::tr("Cannot save %1.").arg(path), systemError(error));
            // A file system without hard links: rename, with only the lstat() check above.
            if (::rename(temp.name(), target.constData()) != 0)
                return Error(ErrorCode::Io, Tr::tr("Cannot save %1.").arg(path), systemError(errno));
            temp.setCommitted();
        }
        // After link() the temporary name is removed by ~TempFile (not committed).
    }

    // Make the new directory entry durable too; a failure here does not undo the write.
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    if (const int dirFd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

#else

Status restrictToCurrentUser(const QString &path)
{
    // A DACL with one ACE for the current user, not inherited from the folder.
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return Error(ErrorCode::Io, Tr::tr("Cannot read the current user to protect %1.").arg(path));
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    QByteArray buffer(qsizetype(size), Qt::Uninitialized);
    const bool haveUser = GetTokenInformation(token, TokenUser, buffer.data(), size, &size);
    CloseHandle(token);
    if (!haveUser)
        return Error(ErrorCode::Io, Tr::tr("Cannot read the current user to protect %1.").arg(path));
    const auto *tokenUser = reinterpret_cast<const TOKEN_USER *>(buffer.constData());
    EXPLICIT_ACCESS_W access{};
    access.grfAccessPermissions = GENERIC_ALL;
    access.grfAccessMode = SET_ACCESS;
    access.grfInheritance = NO_INHERITANCE;
    access.Trustee.TrusteeForm = TRUSTEE_IS_SID;
    access.Trustee.TrusteeType = TRUSTEE_IS_USER;
    access.Trustee.ptstrName = static_cast<LPWSTR>(tokenUser->User.Sid);
    PACL acl = nullptr;
    if (SetEntriesInAclW(1, &access, nullptr, &acl) != ERROR_SUCCESS)
        return Error(ErrorCode::Io, Tr::tr("Cannot build a user-only ACL for %1.").arg(path));
    std::wstring native = QFileInfo(path).absoluteFilePath().replace(u'/', u'\\').toStdWString();
    const DWORD rc = SetNamedSecurityInfoW(native.data(), SE_FILE_OBJECT,
                                           DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                           nullptr, nullptr, acl, nullptr);
    LocalFree(acl);
    if (rc != ERROR_SUCCESS)
        return Error(ErrorCode::Io, Tr::tr("Cannot restrict access to %1 to the current user.").arg(path));
    return {};
}

Status writeWindows(const QString &path, QByteArrayView content, bool replace)
{
    const QFileInfo info(path);
    if (info.isSymbolicLink() || info.isJunction()) {
        if (!replace)
            return refusedLink(path);
        // Remove the link itself so that QSaveFile does not write through it.
        if (!QFile::remove(path))
            return Error(ErrorCode::Io, Tr::tr("Cannot replace the link %1.").arg(path));
    } else if (info.isDir()) {
        return Error(ErrorCode::Io, Tr::tr("%1 is a directory.").arg(path));
    } else if (info.exists() && !replace) {
        return refusedExisting(path);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, Tr::tr("Cannot write %1.").arg(path), file.errorString());
    if (file.write(content.data(), qint64(content.size())) != qint64(content.size())) {
        file.cancelWriting();
        return Error(ErrorCode::Io, Tr::tr("Cannot write %1.").arg(path), file.errorString());
    }
    if (!file.commit())
        return Error(ErrorCode::Io, Tr::tr("Cannot save %1.").arg(path), file.errorString());
    return restrictToCurrentUser(path);
}

#endif

} // namespace

Status writeOwnerOnlyFile(const QString &path, QByteArrayView content, bool replace)
{
    if (path.isEmpty())
        return Error(ErrorCode::InvalidInput, Tr::tr("No output file given."));
#ifdef Q_OS_WIN
    Status written = writeWindows(path, content, replace);
#else
    Status written = writeUnix(path, content, replace);
#endif
    if (written)
        qCInfo(lcCoreSecrets) << "wrote owner-only file" << path;
    return written;
}

} // namespace Pot
