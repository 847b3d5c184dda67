set terminal svg size 1280,520 dynamic background rgb 'white' font 'sans,11'
set termoption noenhanced
set output 'bench/results/bench.svg'
set multiplot layout 1,2 title 'symshape bench: 926 queries'
set logscale x 10
set grid
set key bottom right
set xlabel 'latency of one question (us, log scale)'
set ylabel 'fraction of queries answered within'
set yrange [0:1]
set title 'latency distribution per engine'
plot 'bench/results/bench.svg.dat' index 0 using 1:2 with steps lw 2 title 'cascade', \
     'bench/results/bench.svg.dat' index 1 using 1:2 with steps lw 2 title 'ranges', \
     'bench/results/bench.svg.dat' index 2 using 1:2 with steps lw 2 title 'facts', \
     'bench/results/bench.svg.dat' index 3 using 1:2 with steps lw 2 title 'z3'
set logscale xy
set autoscale y
set key outside right top font ',9'
set xlabel 'problem size n (log scale)'
set ylabel 'latency (us, log scale)'
set title 'cost vs problem size (cascade)'
plot 'bench/results/bench.svg.dat' index 4 using 1:2 with linespoints lw 2 title 'div_facts', \
     'bench/results/bench.svg.dat' index 5 using 1:2 with linespoints lw 2 title 'eq_chain', \
     'bench/results/bench.svg.dat' index 6 using 1:2 with linespoints lw 2 title 'eq_chain_unbacked', \
     'bench/results/bench.svg.dat' index 7 using 1:2 with linespoints lw 2 title 'floordiv_nest', \
     'bench/results/bench.svg.dat' index 8 using 1:2 with linespoints lw 2 title 'index_nd', \
     'bench/results/bench.svg.dat' index 9 using 1:2 with linespoints lw 2 title 'linear_system', \
     'bench/results/bench.svg.dat' index 10 using 1:2 with linespoints lw 2 title 'lt_chain', \
     'bench/results/bench.svg.dat' index 11 using 1:2 with linespoints lw 2 title 'lt_chain_unbacked', \
     'bench/results/bench.svg.dat' index 12 using 1:2 with linespoints lw 2 title 'mod_chain', \
     'bench/results/bench.svg.dat' index 13 using 1:2 with linespoints lw 2 title 'neg_div_facts', \
     'bench/results/bench.svg.dat' index 14 using 1:2 with linespoints lw 2 title 'neg_eq_chain_unbacked', \
     'bench/results/bench.svg.dat' index 15 using 1:2 with linespoints lw 2 title 'neg_lt_chain', \
     'bench/results/bench.svg.dat' index 16 using 1:2 with linespoints lw 2 title 'neg_sum_bound', \
     'bench/results/bench.svg.dat' index 17 using 1:2 with linespoints lw 2 title 'product_ge_sum', \
     'bench/results/bench.svg.dat' index 18 using 1:2 with linespoints lw 2 title 'product_lower', \
     'bench/results/bench.svg.dat' index 19 using 1:2 with linespoints lw 2 title 'sum_bound'
unset multiplot
