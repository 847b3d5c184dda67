// Prints the guard workload as a `.shapes` script:  gen_workload N_GUARDS > file.shapes
#include <cstdlib>
#include <iostream>

#include "workload.h"

int main(int argc, char **argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  std::cout << workload_script(make_guard_workload(n));
}
