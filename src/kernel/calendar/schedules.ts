/**
 * Official holiday schedules for public servants (cán bộ, công chức, viên
 * chức), 2019–2026, as data.
 *
 * Each block fixes the days off of one or more holidays of a year and names
 * the rules it replaces (see holidays.ts); holidays without a block are
 * computed by the rules. Every block carries the document it comes from and
 * where its dates were read. `verified: true` means the dates below were
 * checked against a published text (the document itself or a press report of
 * it); when the document number could not be read, the source says so.
 *
 * Not found / not checked, therefore left to the rules (which reproduce the
 * law: compensatory day on the next working day): Quốc khánh 2019 and all of
 * 2020 except Tết; Tết Dương lịch 2022, 2024, 2025; Giỗ Tổ Hùng Vương 2020,
 * 2024, 2025, 2026; 30/4–1/5 2020 and 2026. No swapped Saturday was found in
 * 2020–2023: the swaps are 2019 (05/01, 04/05), 2024 (04/05), 2025 (26/04)
 * and 2026 (10/01, 22/08).
 */

import { epochDayFromIso, isoFromEpochDay, solarFromEpochDay } from './civil.ts';
import type { ScheduledDay, YearSchedule } from './holidays.ts';
import { lunarDayLabel, lunarFromEpochDay } from './lunar.ts';

function tet(date: string): ScheduledDay {
  return { date, name: `Tết Nguyên đán (${lunarDayLabel(lunarFromEpochDay(epochDayFromIso(date)))})`, kind: 'tet' };
}

function tetSpan(from: string, count: number): ScheduledDay[] {
  const first = epochDayFromIso(from);
  return Array.from({ length: count }, (_, i) => tet(isoFromEpochDay(first + i)));
}

function holiday(date: string, name: string): ScheduledDay {
  return { date, name, kind: 'holiday' };
}

function compensatory(date: string, forName: string): ScheduledDay {
  return { date, name: `Nghỉ bù ${forName}`, kind: 'compensatory' };
}

function swap(date: string, workedOn: string): ScheduledDay {
  const { y, m, d } = solarFromEpochDay(epochDayFromIso(workedOn));
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  return { date, name: `Nghỉ hoán đổi (làm bù thứ Bảy ${dd}/${mm}/${y})`, kind: 'swap' };
}

const TDL = 'Tết Dương lịch';
const GIO_TO = 'Giỗ Tổ Hùng Vương (10/3 âm lịch)';
const CHIEN_THANG = 'Ngày Chiến thắng (30/4)';
const LAO_DONG = 'Ngày Quốc tế Lao động (1/5)';
const QUOC_KHANH = 'Quốc khánh (2/9)';
const QUOC_KHANH_ADJ = 'Quốc khánh (2/9) – ngày liền kề';

const SRC_2019 =
  'Thông báo của Bộ LĐTBXH về lịch nghỉ lễ, Tết năm 2019 của cán bộ, công chức, viên chức, theo ý kiến Thủ tướng Chính phủ, ' +
  'công bố ngày 06/8/2018 (số hiệu văn bản chưa đối chiếu). Ngày nghỉ đối chiếu: plo.vn "Mỗi dịp lễ, Tết năm 2019 được nghỉ…"; ' +
  'docnhanh.vn 04/12/2018; VietnamNet (theo Nhân Dân) 06/8/2018 "Total of 21 days for 2019 public holidays announced".';

const SRC_2020_TET =
  'Thông báo của Bộ trưởng Bộ LĐTBXH về nghỉ Tết Âm lịch năm 2020, theo ý kiến Thủ tướng Chính phủ (số hiệu chưa đối chiếu). ' +
  'Ngày nghỉ đối chiếu: VietnamNet/Dtinews "Seven-day holiday for Lunar New Year 2020 approved"; socongthuong.daklak.gov.vn 07/01/2020 ' +
  '(nghỉ từ 23/01 đến hết 29/01/2020, tức 29 tháng Chạp Kỷ Hợi đến hết mùng 5 Canh Tý; mùng 1, mùng 2 trùng thứ Bảy, Chủ nhật nên nghỉ bù 28 và 29/01).';

const SRC_2021 =
  'Thông báo của Bộ LĐTBXH về nghỉ Tết Âm lịch và Quốc khánh năm 2021 (số hiệu chưa đối chiếu). Ngày nghỉ đối chiếu: ' +
  'hanoimoi.vn "Lịch nghỉ Tết Nguyên đán Tân Sửu và Quốc khánh 2/9" (10–16/02/2021: 5 ngày Tết từ 29 tháng Chạp Canh Tý và 2 ngày nghỉ hằng tuần); ' +
  'SGGP 09/12/2020 "Vietnam\'s public holidays in 2021" (01–03/01; 10–16/02; 21/4; 30/4–03/5; 02–05/9).';

const SRC_2022_TET_QK =
  'Công văn 245/VPCP-KGVX ngày 11/01/2022 của Văn phòng Chính phủ (ý kiến Phó Thủ tướng Vũ Đức Đam): nghỉ Tết Nguyên đán Nhâm Dần ' +
  'từ 31/01/2022 đến hết 04/02/2022 và nghỉ lễ Quốc khánh từ 01/9/2022 đến hết 02/9/2022. Đối chiếu: vntrip.vn, kinhtemoitruong.vn 12/01/2022.';

const SRC_2022_APRIL =
  'Hướng dẫn của Bộ LĐTBXH (Cục An toàn lao động) về nghỉ Giỗ Tổ Hùng Vương và 30/4–1/5/2022 theo Điều 111 khoản 3 Bộ luật Lao động: ' +
  'Giỗ Tổ (Chủ nhật 10/4) nghỉ bù thứ Hai 11/4; 30/4 và 1/5 (thứ Bảy, Chủ nhật) nghỉ bù 02/5 và 03/5. Đối chiếu: SGGP (theo TTXVN), Báo Nghệ An.';

const SRC_2023_TET_QK =
  'Công văn 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ (ý kiến Phó Thủ tướng Vũ Đức Đam): nghỉ Tết Âm lịch ' +
  'từ 20/01/2023 đến hết 26/01/2023 và nghỉ lễ Quốc khánh từ 01/9/2023 đến hết 04/9/2023. Đối chiếu: truyenhinhnghean.vn 12/2022, pld.net.vn.';

const SRC_2023_TDL =
  'Bộ luật Lao động 2019, Điều 111 khoản 3 và lịch nghỉ do Bộ LĐTBXH hướng dẫn: Tết Dương lịch 2023 nghỉ Chủ nhật 01/01 và nghỉ bù ' +
  'thứ Hai 02/01/2023. Đối chiếu: thuvienphapluat.vn (mục tư vấn).';

const SRC_2023_APRIL =
  'Bộ luật Lao động 2019, Điều 111 khoản 3, theo hướng dẫn của Bộ LĐTBXH: Giỗ Tổ (thứ Bảy 29/4) nghỉ bù 02/5; 30/4 (Chủ nhật) ' +
  'nghỉ bù 03/5; nghỉ liên tục 29/4–03/5/2023, không hoán đổi ngày làm việc. Đối chiếu: CafeF/Vietnam Insider 29/01/2023.';

const SRC_2024_TET_QK =
  'Công văn 8662/VPCP-KGVX ngày 03/11/2023 của Văn phòng Chính phủ (đề xuất tại Công văn 4594/LĐTBXH-ATLĐ ngày 27/10/2023) ' +
  'và thông báo của Bộ LĐTBXH: nghỉ Tết Âm lịch từ 08/02/2024 (29 tháng Chạp Quý Mão) đến hết 14/02/2024 (mùng 5 Giáp Thìn), ' +
  'gồm 5 ngày Tết và 2 ngày nghỉ bù; Quốc khánh từ 31/8 đến hết 03/9/2024. Đối chiếu: baotintuc.vn 03/11/2023, binhphuoc.gov.vn, sucsongtre.vn.';

const SRC_2024_APRIL =
  'Công văn 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ: hoán đổi ngày làm việc thứ Hai 29/4/2024 sang thứ Bảy 04/5/2024, ' +
  'nghỉ liên tục 27/4–01/5/2024. Đối chiếu: baotintuc.vn 12/4/2024.';

const SRC_2025 =
  'Công văn 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ và Thông báo 6150/TB-BLĐTBXH (2024) của Bộ LĐTBXH: ' +
  'Tết Âm lịch 25/01–02/02/2025 (5 ngày Tết và 4 ngày nghỉ hằng tuần); 30/4–04/5/2025, hoán đổi thứ Sáu 02/5 sang thứ Bảy 26/4/2025; ' +
  'Quốc khánh 30/8–02/9/2025 (2 ngày lễ và 2 ngày nghỉ hằng tuần). Đối chiếu: pld.net.vn, baodanang.vn, Báo Lao Động, VietnamPlus.';

const SRC_2026_TDL =
  'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (ý kiến Phó Thủ tướng Phạm Thị Thanh Trà): nghỉ 01–04/01/2026, ' +
  'hoán đổi thứ Sáu 02/01/2026 sang thứ Bảy 10/01/2026.';

const SRC_2026 =
  'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ theo ý kiến Thủ tướng Chính phủ (văn bản của Văn phòng Chính phủ ngày 13/10/2025, ' +
  'số hiệu chưa đối chiếu): Tết Âm lịch 5 ngày từ thứ Hai 16/02/2026 (29 tháng Chạp Ất Tỵ) đến hết thứ Sáu 20/02/2026 (mùng 4 Bính Ngọ), ' +
  'nghỉ liền 14–22/02/2026; Quốc khánh 29/8–02/9/2026, hoán đổi thứ Hai 31/8 sang thứ Bảy 22/8/2026. ' +
  'Đối chiếu: vietbao.vn 17/10/2025, kienthuc.net.vn, tienphong.vn 13/10/2025.';

/** Official schedules shipped with motcua. Admin edits go into overrides, not here. */
export const OFFICIAL_SCHEDULES: readonly YearSchedule[] = [
  {
    year: 2019,
    blocks: [
      {
        replaces: ['tet-duong-lich'], source: SRC_2019, verified: true,
        days: [swap('2018-12-31', '2019-01-05'), holiday('2019-01-01', TDL)],
        workingSaturdays: ['2019-01-05'],
      },
      // 02–10/02/2019 (28 tháng Chạp Mậu Tuất – mùng 6 Kỷ Hợi): the five weekdays are the Tết days.
      { replaces: ['tet-nguyen-dan'], source: SRC_2019, verified: true, days: tetSpan('2019-02-04', 5) },
      {
        replaces: ['gio-to-hung-vuong'], source: SRC_2019, verified: true,
        days: [holiday('2019-04-14', GIO_TO), compensatory('2019-04-15', GIO_TO)],
      },
      {
        replaces: ['chien-thang', 'quoc-te-lao-dong'], source: SRC_2019, verified: true,
        days: [swap('2019-04-29', '2019-05-04'), holiday('2019-04-30', CHIEN_THANG), holiday('2019-05-01', LAO_DONG)],
        workingSaturdays: ['2019-05-04'],
      },
    ],
  },
  {
    year: 2020,
    blocks: [
      {
        replaces: ['tet-nguyen-dan'], source: SRC_2020_TET, verified: true,
        days: [...tetSpan('2020-01-23', 5), compensatory('2020-01-28', 'Tết Nguyên đán'), compensatory('2020-01-29', 'Tết Nguyên đán')],
      },
    ],
  },
  {
    year: 2021,
    blocks: [
      { replaces: ['tet-duong-lich'], source: SRC_2021, verified: true, days: [holiday('2021-01-01', TDL)] },
      {
        replaces: ['tet-nguyen-dan'], source: SRC_2021, verified: true,
        days: [...tetSpan('2021-02-10', 5), compensatory('2021-02-15', 'Tết Nguyên đán'), compensatory('2021-02-16', 'Tết Nguyên đán')],
      },
      { replaces: ['gio-to-hung-vuong'], source: SRC_2021, verified: true, days: [holiday('2021-04-21', GIO_TO)] },
      {
        replaces: ['chien-thang', 'quoc-te-lao-dong'], source: SRC_2021, verified: true,
        days: [holiday('2021-04-30', CHIEN_THANG), holiday('2021-05-01', LAO_DONG), compensatory('2021-05-03', LAO_DONG)],
      },
      {
        replaces: ['quoc-khanh'], source: SRC_2021, verified: true,
        days: [holiday('2021-09-02', QUOC_KHANH), holiday('2021-09-03', QUOC_KHANH_ADJ)],
      },
    ],
  },
  {
    year: 2022,
    blocks: [
      // 31/01/2022 is 29 tháng Chạp Tân Sửu, the last day of the year.
      { replaces: ['tet-nguyen-dan'], source: SRC_2022_TET_QK, verified: true, days: tetSpan('2022-01-31', 5) },
      {
        replaces: ['gio-to-hung-vuong'], source: SRC_2022_APRIL, verified: true,
        days: [holiday('2022-04-10', GIO_TO), compensatory('2022-04-11', GIO_TO)],
      },
      {
        replaces: ['chien-thang', 'quoc-te-lao-dong'], source: SRC_2022_APRIL, verified: true,
        days: [
          holiday('2022-04-30', CHIEN_THANG), holiday('2022-05-01', LAO_DONG),
          compensatory('2022-05-02', CHIEN_THANG), compensatory('2022-05-03', LAO_DONG),
        ],
      },
      {
        replaces: ['quoc-khanh'], source: SRC_2022_TET_QK, verified: true,
        days: [holiday('2022-09-01', QUOC_KHANH_ADJ), holiday('2022-09-02', QUOC_KHANH)],
      },
    ],
  },
  {
    year: 2023,
    blocks: [
      {
        replaces: ['tet-duong-lich'], source: SRC_2023_TDL, verified: true,
        days: [holiday('2023-01-01', TDL), compensatory('2023-01-02', TDL)],
      },
      {
        // 20–26/01/2023: 29 and 30 tháng Chạp, mùng 1–3 (Saturday and Sunday among them), then two compensatory days.
        replaces: ['tet-nguyen-dan'], source: SRC_2023_TET_QK, verified: true,
        days: [...tetSpan('2023-01-20', 5), compensatory('2023-01-25', 'Tết Nguyên đán'), compensatory('2023-01-26', 'Tết Nguyên đán')],
      },
      {
        replaces: ['gio-to-hung-vuong', 'chien-thang', 'quoc-te-lao-dong'], source: SRC_2023_APRIL, verified: true,
        days: [
          holiday('2023-04-29', GIO_TO), holiday('2023-04-30', CHIEN_THANG), holiday('2023-05-01', LAO_DONG),
          compensatory('2023-05-02', GIO_TO), compensatory('2023-05-03', CHIEN_THANG),
        ],
      },
      {
        // 02/9 is a Saturday: the adjacent day is Friday 01/9 and Monday 04/9 is the compensatory day.
        replaces: ['quoc-khanh'], source: SRC_2023_TET_QK, verified: true,
        days: [holiday('2023-09-01', QUOC_KHANH_ADJ), holiday('2023-09-02', QUOC_KHANH), compensatory('2023-09-04', QUOC_KHANH)],
      },
    ],
  },
  {
    year: 2024,
    blocks: [
      {
        replaces: ['tet-nguyen-dan'], source: SRC_2024_TET_QK, verified: true,
        days: [...tetSpan('2024-02-08', 5), compensatory('2024-02-13', 'Tết Nguyên đán'), compensatory('2024-02-14', 'Tết Nguyên đán')],
      },
      {
        replaces: ['chien-thang', 'quoc-te-lao-dong'], source: SRC_2024_APRIL, verified: true,
        days: [swap('2024-04-29', '2024-05-04'), holiday('2024-04-30', CHIEN_THANG), holiday('2024-05-01', LAO_DONG)],
        workingSaturdays: ['2024-05-04'],
      },
      {
        replaces: ['quoc-khanh'], source: SRC_2024_TET_QK, verified: true,
        days: [holiday('2024-09-02', QUOC_KHANH), holiday('2024-09-03', QUOC_KHANH_ADJ)],
      },
    ],
  },
  {
    year: 2025,
    blocks: [
      // 25/01–02/02/2025: the five weekdays 27–31/01 (28 tháng Chạp – mùng 3) are the Tết days.
      { replaces: ['tet-nguyen-dan'], source: SRC_2025, verified: true, days: tetSpan('2025-01-27', 5) },
      {
        replaces: ['chien-thang', 'quoc-te-lao-dong'], source: SRC_2025, verified: true,
        days: [holiday('2025-04-30', CHIEN_THANG), holiday('2025-05-01', LAO_DONG), swap('2025-05-02', '2025-04-26')],
        workingSaturdays: ['2025-04-26'],
      },
      {
        replaces: ['quoc-khanh'], source: SRC_2025, verified: true,
        days: [holiday('2025-09-01', QUOC_KHANH_ADJ), holiday('2025-09-02', QUOC_KHANH)],
      },
    ],
  },
  {
    year: 2026,
    blocks: [
      {
        replaces: ['tet-duong-lich'], source: SRC_2026_TDL, verified: true,
        days: [holiday('2026-01-01', TDL), swap('2026-01-02', '2026-01-10')],
        workingSaturdays: ['2026-01-10'],
      },
      { replaces: ['tet-nguyen-dan'], source: SRC_2026, verified: true, days: tetSpan('2026-02-16', 5) },
      {
        replaces: ['quoc-khanh'], source: SRC_2026, verified: true,
        days: [swap('2026-08-31', '2026-08-22'), holiday('2026-09-01', QUOC_KHANH_ADJ), holiday('2026-09-02', QUOC_KHANH)],
        workingSaturdays: ['2026-08-22'],
      },
    ],
  },
];
