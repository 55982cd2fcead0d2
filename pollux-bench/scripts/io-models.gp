# The plots of the I/O-model experiment (bin/io-models runs this): one PNG per figure, one line
# per transport, the number of idle connections on a log x axis.
#   gnuplot -e "data='docs/io-models/results.tsv'; outdir='docs/io-models'; ios='nio poll'; k='64'" io-models.gp
# data: the TSV bin/io-models writes (a header line, then io n held lost rps p50_ms p99_ms errors
# rss_mib hwm_mib threads cpu_us_per_req cs_per_req failed status, sorted by io then n); points
# not measured hold '-'.
set terminal pngcairo size 800,500 font ",11"
set datafile separator "\t"
set datafile missing "-"
set key autotitle columnhead
set key outside right top
set logscale x 10
set xlabel "idle keep-alive connections (N)"
set grid
set style data linespoints

# The x axis spans the data with a margin (autoscale would run on to the next power of ten).
stats data using 2 nooutput
set xrange [STATS_min / 1.5 : STATS_max * 1.5]

# of(col, io): column col of the rows of transport io only; rows of the other
# transports are undefined, which gnuplot skips (the rows of one transport are consecutive).
of(col, io) = (strcol(1) eq io) ? column(col) : 1/0

do for [fig in "rps p99 rss threads cpu"] {
  if (fig eq "rps") { col = 5; set ylabel sprintf("requests/s of the %s active connections", k); set title "Throughput of the active connections"; unset logscale y; set yrange [0:*] }
  if (fig eq "p99") { col = 7; set ylabel "p99 latency, ms (log scale)"; set title "p99 latency of the active connections"; set logscale y 10; set yrange [*:*] }
  if (fig eq "rss") { col = 9; set ylabel "server RSS, MiB"; set title "Server memory (VmRSS in mid-window)"; unset logscale y; set yrange [0:*] }
  if (fig eq "threads") { col = 11; set ylabel "server threads (log scale)"; set title "Server threads"; set logscale y 10; set yrange [*:*] }
  if (fig eq "cpu") { col = 12; set ylabel "server CPU µs per request"; set title "Server CPU time per request"; unset logscale y; set yrange [0:*] }
  set output sprintf("%s/%s.png", outdir, fig)
  plot for [io in ios] data using 2:(of(col, io)) title io lw 2 pt 7
  unset output
}
