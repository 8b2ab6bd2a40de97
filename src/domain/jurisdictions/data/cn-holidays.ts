/**
 * People's Republic of China public holidays and make-up working days (调休), as the State Council
 * General Office publishes them each year. Shipped as data: no maintained library carries the make-up
 * working days. Sources:
 *   2024: 国务院办公厅关于2024年部分节假日安排的通知, 国办发明电〔2023〕7号 (25 Oct 2023)
 *   2025: 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号 (12 Nov 2024)
 *   2026: 国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号 (Nov 2025)
 * `holidays` are days off (statutory holidays and the rest days moved next to them); `workdays` are
 * weekend days worked instead.
 */
export interface CnYearSchedule {
  source: string;
  holidays: string[];
  workdays: string[];
}

const range = (from: string, days: number): string[] =>
  Array.from({ length: days }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

export const CN_SCHEDULES: Record<number, CnYearSchedule> = {
  2024: {
    source: '国办发明电〔2023〕7号',
    holidays: [
      '2024-01-01',
      ...range('2024-02-10', 8), // Spring Festival
      ...range('2024-04-04', 3), // Qingming
      ...range('2024-05-01', 5), // Labour Day
      '2024-06-10', // Dragon Boat
      ...range('2024-09-15', 3), // Mid-Autumn
      ...range('2024-10-01', 7), // National Day
    ],
    workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    source: '国办发明电〔2024〕12号',
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', 8), // Spring Festival
      ...range('2025-04-04', 3), // Qingming
      ...range('2025-05-01', 5), // Labour Day
      ...range('2025-05-31', 3), // Dragon Boat
      ...range('2025-10-01', 8), // National Day and Mid-Autumn
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    source: '国办发明电〔2025〕7号',
    holidays: [
      ...range('2026-01-01', 3), // New Year
      ...range('2026-02-15', 9), // Spring Festival
      ...range('2026-04-04', 3), // Qingming
      ...range('2026-05-01', 5), // Labour Day
      ...range('2026-06-19', 3), // Dragon Boat
      ...range('2026-09-25', 3), // Mid-Autumn
      ...range('2026-10-01', 7), // National Day
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};
