#pragma once

#include "error.h"

#include <QtGlobal>

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace Pot {

/// Value or Error. std::expected is C++23 and missing from g++ 12 / libstdc++ 12, so this is a
/// small in-house version with the parts the project uses.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(const T &value) : m_v(std::in_place_index<0>, value) {}
    Result(T &&value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(const Error &error) : m_v(std::in_place_index<1>, error) {}
    Result(Error &&error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    // value() on an error is a programming error: it stops with the error's text instead of
    // throwing std::bad_variant_access, which would cross a Qt slot.
    const T &value() const & { return *checked(&m_v); }
    T &value() & { return *checked(&m_v); }
    T &&value() && { return std::move(*checked(&m_v)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<1>(m_v); }

    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

    /// f(value) → Result<U> on success; the error passed on unchanged otherwise.
    template<typename F>
    auto and_then(F &&f) const & -> std::invoke_result_t<F, const T &>
    {
        if (ok())
            return std::forward<F>(f)(value());
        return error();
    }
    template<typename F>
    auto and_then(F &&f) && -> std::invoke_result_t<F, T &&>
    {
        if (ok())
            return std::forward<F>(f)(std::move(*this).value());
        return error();
    }

    /// Result<U> holding f(value) on success; the error passed on unchanged otherwise.
    template<typename F>
    auto transform(F &&f) const & -> Result<std::remove_cvref_t<std::invoke_result_t<F, const T &>>>
    {
        if (ok())
            return std::forward<F>(f)(value());
        return error();
    }

    /// This result on success; f(error) → Result<T> otherwise (recover, or replace the error).
    template<typename F>
    Result<T> or_else(F &&f) const &
    {
        if (ok())
            return *this;
        return std::forward<F>(f)(error());
    }

private:
    template<typename V>
    static auto checked(V *v)
    {
        auto *p = std::get_if<0>(v);
        if (Q_UNLIKELY(!p))
            qFatal("Result::value() called on an error: %s", qPrintable(std::get<1>(*v).toString()));
        return p;
    }

    std::variant<T, Error> m_v;
};

/// Result<void>: success or Error.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(const Error &error) : m_error(error) {}
    Result(Error &&error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

    /// f() → Result<U> on success; the error passed on unchanged otherwise.
    template<typename F>
    auto and_then(F &&f) const -> std::invoke_result_t<F>
    {
        if (ok())
            return std::forward<F>(f)();
        return error();
    }

    /// This status on success; f(error) → Status otherwise.
    template<typename F>
    Result<void> or_else(F &&f) const
    {
        if (ok())
            return *this;
        return std::forward<F>(f)(error());
    }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace Pot
