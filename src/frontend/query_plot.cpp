//===- query_plot.cpp - The benchmark's chart (gnuplot) --------------------===//
//
// Two panels: the latency distribution of each engine (the fraction of
// queries answered within a time, log scale), and the first engine's
// latency against problem size for the scaling families.  gnuplot comes from
// Debian's gnuplot-nox (scripts/setup.sh); the data and the script stay next
// to the chart so that it can be restyled by hand.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>

#include "symshape/expr/errors.h"
#include "symshape/frontend/query_bench.h"

namespace symshape::frontend {

namespace {

/// A string literal for gnuplot (single quotes; a quote is doubled).
std::string quoted(const std::string &s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

} // namespace

void write_bench_plot(const std::string &file, const std::vector<BenchQuery> &queries,
                      const std::vector<BenchEngine> &engines,
                      const std::vector<std::vector<BenchAnswer>> &answers) {
  std::string ext = file.size() > 4 ? file.substr(file.size() - 4) : "";
  if (ext != ".svg" && ext != ".png") throw ValueError(file + ": the chart is .svg or .png");
  std::string dat = file + ".dat", gp = file + ".gp";
  std::ofstream d(dat);
  if (!d) throw ValueError("cannot write " + dat);
  // Blocks (gnuplot `index`): one per engine, then one per scaling family.
  size_t block = 0;
  std::vector<std::pair<std::string, size_t>> cdf, scaling;
  for (size_t k = 0; k < engines.size(); ++k) {
    std::vector<double> us;
    for (size_t i = 0; i < queries.size(); ++i)
      if (answers[i][k].outcome != "error" && answers[i][k].us > 0) us.push_back(answers[i][k].us);
    if (us.empty()) continue;
    std::sort(us.begin(), us.end());
    d << "# " << engines[k].name << ": latency_us fraction\n";
    for (size_t i = 0; i < us.size(); ++i)
      d << us[i] << " " << static_cast<double>(i + 1) / static_cast<double>(queries.size()) << "\n";
    d << "\n\n";
    cdf.emplace_back(engines[k].name, block++);
  }
  std::map<std::string, std::vector<std::pair<int, double>>> fam;
  for (size_t i = 0; i < queries.size(); ++i)
    if (queries[i].size && answers[i][0].outcome != "error") fam[queries[i].family].emplace_back(*queries[i].size, answers[i][0].us);
  for (auto &[name, pts] : fam) {
    std::sort(pts.begin(), pts.end());
    d << "# " << name << ": size latency_us\n";
    for (auto &[n, us] : pts) d << n << " " << std::max(us, 0.01) << "\n";
    d << "\n\n";
    scaling.emplace_back(name, block++);
  }
  d.close();

  std::ofstream g(gp);
  if (!g) throw ValueError("cannot write " + gp);
  g << (ext == ".svg" ? "set terminal svg size 1280,520 dynamic background rgb 'white' font 'sans,11'\n"
                      : "set terminal pngcairo size 1280,520 font 'sans,10'\n");
  g << "set termoption noenhanced\n"; // engine and family names have underscores
  g << "set output " << quoted(file) << "\n";
  g << "set multiplot layout 1,2 title " << quoted("symshape bench: " + std::to_string(queries.size()) + " queries")
    << "\n";
  g << "set logscale x 10\nset grid\nset key bottom right\n";
  g << "set xlabel 'latency of one question (us, log scale)'\nset ylabel 'fraction of queries answered within'\n";
  g << "set yrange [0:1]\nset title 'latency distribution per engine'\n";
  g << "plot ";
  for (size_t i = 0; i < cdf.size(); ++i)
    g << (i ? ", \\\n     " : "") << quoted(dat) << " index " << cdf[i].second << " using 1:2 with steps lw 2 title "
      << quoted(cdf[i].first);
  g << "\n";
  g << "set logscale xy\nset autoscale y\nset key outside right top font ',9'\nset xlabel 'problem size n (log scale)'\n"
    << "set ylabel 'latency (us, log scale)'\nset title " << quoted("cost vs problem size (" + engines.front().name + ")")
    << "\n";
  if (scaling.empty()) {
    g << "set label 1 'no scaling families in this corpus' at graph 0.5,0.5 center\nplot 2 notitle\n";
  } else {
    g << "plot ";
    for (size_t i = 0; i < scaling.size(); ++i)
      g << (i ? ", \\\n     " : "") << quoted(dat) << " index " << scaling[i].second
        << " using 1:2 with linespoints lw 2 title " << quoted(scaling[i].first);
    g << "\n";
  }
  g << "unset multiplot\n";
  g.close();
  std::string cmd = "gnuplot " + quoted(gp) + " 2>&1";
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    throw ValueError("gnuplot not found (scripts/setup.sh installs gnuplot-nox); the chart's script is " + gp);
  if (std::system(cmd.c_str()) != 0) throw ValueError("gnuplot failed on " + gp);
}

} // namespace symshape::frontend
