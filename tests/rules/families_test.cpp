// Table tests per rule family (filled in by the rule-family work).
#include <catch2/catch.hpp>
