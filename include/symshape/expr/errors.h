//===- symshape/expr/errors.h - Error types of the expression layer ------===//
//
// symshape reports user mistakes and undefined arithmetic with exceptions
// derived from `symshape::Error`.  Every error has a stable `kind()` string so
// front ends can print it and scripts can match it (the `.shapes` format's
// error kinds: "zero_division", "value", "parse", ...).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <stdexcept>
#include <string>

namespace symshape {

/// Base of every error symshape throws on purpose.
class Error : public std::runtime_error {
public:
  Error(std::string kind, const std::string &message)
      : std::runtime_error(message), kind_(std::move(kind)) {}
  /// A short stable identifier, e.g. "zero_division".
  const std::string &kind() const { return kind_; }

private:
  std::string kind_;
};

/// Division or modulo by zero (Python's ZeroDivisionError).
class ZeroDivisionError : public Error {
public:
  explicit ZeroDivisionError(const std::string &m) : Error("zero_division", m) {}
};

/// An integer constant does not fit in 128 bits.
class OverflowError : public Error {
public:
  explicit OverflowError(const std::string &m) : Error("overflow", m) {}
};

/// Operands of the wrong type (e.g. a bool added to an int).
class TypeError : public Error {
public:
  explicit TypeError(const std::string &m) : Error("type", m) {}
};

/// A value outside the domain of an operation (e.g. a negative exponent).
class ValueError : public Error {
public:
  explicit ValueError(const std::string &m) : Error("value", m) {}
};

/// A problem in input text: carries the 1-based line and column.  `kind()`
/// is "parse" for malformed text, or the kind of the error met while
/// building it ("type", "zero_division", "value", ...).
class ParseError : public Error {
public:
  ParseError(int line, int column, const std::string &message,
             std::string kind = "parse")
      : Error(std::move(kind), std::to_string(line) + ":" + std::to_string(column) +
                                   ": " + message),
        line_(line), column_(column), detail_(message) {}
  int line() const { return line_; }
  int column() const { return column_; }
  /// The message without the "line:column: " prefix.
  const std::string &detail() const { return detail_; }

private:
  int line_, column_;
  std::string detail_;
};

} // namespace symshape
