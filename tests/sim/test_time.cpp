// Integer time and the run calendar, against dates checked in any printed calendar.
#include <string>

#include <catch2/catch.hpp>

#include "sim/time.hpp"

using namespace dcsim::sim;

TEST_CASE("Time units convert exactly", "[time]") {
  CHECK(seconds(90) == 90'000);
  CHECK(minutes(2) == 120'000);
  CHECK(hours(1) == 3'600'000);
  CHECK(days(1) == 86'400'000);
  CHECK(days(365) == 31'536'000'000);
  CHECK(from_seconds(1.0004) == 1000);  // nearest millisecond
  CHECK(from_seconds(1.0006) == 1001);
  CHECK(from_seconds(-1.0006) == -1001);
  CHECK(from_seconds(3600.0) == hours(1));
  CHECK(to_seconds(1500) == 1.5);
  CHECK(to_hours(minutes(90)) == 1.5);
  CHECK(to_hours(days(2)) == 48.0);
}

TEST_CASE("Civil day numbers and leap years", "[time]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 1, 1) == 10957);  // 30 years, 7 of them leap: 30*365 + 7
  CHECK(days_from_civil(2000, 3, 1) == 10957 + 31 + 29);
  CHECK(civil_from_days(-1) == CivilDate{1969, 12, 31});
  CHECK(civil_from_days(10957 + 59) == CivilDate{2000, 2, 29});
  CHECK(is_leap_year(2024));
  CHECK_FALSE(is_leap_year(2023));
  CHECK_FALSE(is_leap_year(1900));  // divisible by 100, not by 400
  CHECK(is_leap_year(2000));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2025, 2) == 28);
  CHECK(days_in_month(1900, 2) == 28);
  CHECK(days_in_month(2025, 4) == 30);
  CHECK(days_in_month(2025, 12) == 31);
  CHECK(is_valid_date({2024, 2, 29}));
  CHECK_FALSE(is_valid_date({2023, 2, 29}));
  CHECK_FALSE(is_valid_date({2025, 4, 31}));
  CHECK_FALSE(is_valid_date({2025, 13, 1}));
  CHECK_FALSE(is_valid_date({2025, 1, 0}));
}

TEST_CASE("Calendar crosses month, year and leap-day boundaries", "[time]") {
  const Calendar leap(CivilDate{2024, 2, 28});
  CHECK(leap.at(days(1)).date == CivilDate{2024, 2, 29});
  CHECK(leap.at(days(1)).weekday == 3);  // Thursday 29 February 2024
  CHECK(leap.at(days(2)).date == CivilDate{2024, 3, 1});
  CHECK(leap.at(days(2)).weekday == 4);  // Friday
  CHECK(leap.at(days(2)).day_of_year == 31 + 29);
  CHECK(leap.time_of(CivilDate{2024, 3, 1}) == days(2));
  CHECK(Calendar(CivilDate{2023, 2, 28}).at(days(1)).date == CivilDate{2023, 3, 1});

  const Calendar nye(CivilDate{2023, 12, 31});  // a Sunday
  CHECK(nye.at(0).weekday == 6);
  const CivilDateTime dt = nye.at(days(1) + hours(13) + minutes(5) + seconds(7) + 250);
  CHECK(dt.date == CivilDate{2024, 1, 1});
  CHECK(dt.weekday == 0);  // Monday
  CHECK(dt.day_of_year == 0);
  CHECK(dt.hour == 13);
  CHECK(dt.minute == 5);
  CHECK(dt.second == 7.25);
  CHECK(format_date_time(dt) == "2024-01-01 13:05");
  // One millisecond before the start is the previous day, a Saturday.
  const CivilDateTime before = nye.at(-1);
  CHECK(before.date == CivilDate{2023, 12, 30});
  CHECK(before.weekday == 5);
  CHECK(before.hour == 23);
  CHECK(before.minute == 59);
  CHECK(before.second == 59.999);

  const Calendar y2024(CivilDate{2024, 1, 1});
  CHECK(y2024.at(days(365)).date == CivilDate{2024, 12, 31});
  CHECK(y2024.at(days(365)).day_of_year == 365);  // the 366th day of a leap year
  CHECK(y2024.at(days(366)).date == CivilDate{2025, 1, 1});
  CHECK(y2024.at(days(366)).weekday == 2);  // Wednesday 1 January 2025
  CHECK(Calendar(CivilDate{2000, 1, 1}).at(0).weekday == 5);  // Saturday
}

TEST_CASE("Calendar month_index counts calendar months from the start month", "[time]") {
  const Calendar cal(CivilDate{2024, 11, 15});
  CHECK(cal.month_index(0) == 0);
  CHECK(cal.month_index(cal.time_of({2024, 12, 1}) - 1) == 0);
  CHECK(cal.month_index(cal.time_of({2024, 12, 1})) == 1);
  CHECK(cal.month_index(cal.time_of({2025, 1, 1})) == 2);
  CHECK(cal.month_index(cal.time_of({2025, 10, 31})) == 11);
  CHECK(cal.month_index(cal.time_of({2025, 11, 14})) == 12);
  // A year from 1 January gives the 12 rows of the monthly tables, 0..11.
  const Calendar year(CivilDate{2025, 1, 1});
  CHECK(year.month_index(days(365) - 1) == 11);
  CHECK(year.month_index(days(31 + 28)) == 2);  // 1 March
}

TEST_CASE("Calendar seconds_of_year counts from 1 January of the current year", "[time]") {
  CHECK(Calendar(CivilDate{2025, 3, 1}).seconds_of_year(0) == (31 + 28) * 86400.0);
  CHECK(Calendar(CivilDate{2024, 3, 1}).seconds_of_year(0) == (31 + 29) * 86400.0);
  const Calendar nye(CivilDate{2024, 12, 31});
  CHECK(nye.seconds_of_year(hours(23)) == (365 * 24 + 23) * 3600.0);  // 2024 has 366 days
  CHECK(nye.seconds_of_year(days(1) + hours(2) + 500) == 7200.5);  // wrapped into 2025
}

TEST_CASE("parse_date_time accepts dates and times and rejects the rest", "[time]") {
  CivilDate d;
  int h = -1, m = -1;
  CHECK(parse_date_time("2025-03-01", d, h, m));
  CHECK(d == CivilDate{2025, 3, 1});
  CHECK(h == 0);
  CHECK(m == 0);
  CHECK(parse_date_time("2024-02-29 23:59", d, h, m));
  CHECK(d == CivilDate{2024, 2, 29});
  CHECK(h == 23);
  CHECK(m == 59);
  CHECK(parse_date_time("2025-12-31T07:05", d, h, m));
  CHECK(d == CivilDate{2025, 12, 31});
  CHECK(h == 7);
  CHECK(m == 5);

  for (const std::string bad :
       {"", "2023-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-3-1", "2025/03/01",
        "01-03-2025", "2025-03-01x", "2025-03-01 24:00", "2025-03-01 10:60", "2025-03-01 -1:30",
        "2025-03-01 10:30:00", "2025-03-01_10:30", "2025-03-01 10:30 ", " 2025-03-01",
        "abcd-ef-gh"}) {
    INFO(bad);
    CivilDate untouched{1999, 9, 9};
    CHECK_FALSE(parse_date_time(bad, untouched, h, m));
    CHECK(untouched == CivilDate{1999, 9, 9});
  }
}
