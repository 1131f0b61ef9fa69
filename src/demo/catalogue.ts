/**
 * The demo procedure catalogue: about 150 procedures over more than 15 fields
 * (lĩnh vực), at province and commune level, generated from compact tables.
 *
 * Names, levels and durations follow the real catalogue. The national codes
 * (mã TTHC) are ILLUSTRATIVE: they keep the national format but use the
 * 1.9xxxxx range, which the national database does not use, so that none is
 * mistaken for a real code. Decision numbers are illustrative too.
 *
 * Province procedures name the department that processes them and are received
 * at the province service centre; commune procedures are implemented by every
 * commune of the demo province, and their workflow steps carry no agency: a
 * dossier is processed by the units of the commune that received it.
 */
import type { AppContext } from '../context.ts';
import * as repo from '../modules/procedures/repo.ts';
import { createProcedureTx, publishTx, type Fee, type OnlineType, type ProcedureInput } from '../modules/procedures/service.ts';
import { legalHours, standardWorkflow, type DurationUnit } from '../modules/procedures/workflow.ts';
import { DEMO_AGENCIES } from './province.ts';

const COMMUNES = ['p-hac-thanh', 'x-hoang-hoa', 'p-sam-son', 'x-ngoc-lac'];

interface ItemOpts {
  /** Duration unit: h = working hours, cd = calendar days (default working days). */
  u?: 'h' | 'cd';
  /** Same-day cutoff (giờ chốt), e.g. 15:00. */
  cut?: string;
  on?: OnlineType;
  bf?: boolean;
  /** Processing department key (province procedures), when not the field's. */
  ag?: string;
  fee?: number;
  /** A second case: [name, working days]. */
  alt?: [string, number];
}
/** [name, level (P: province, X: commune), duration, options] */
type Item = [string, 'P' | 'X', number, ItemOpts?];

interface FieldDef {
  code: string;
  name: string;
  /** The province department that processes the field's province procedures. */
  dept: string;
  docs: string[];
  applicants: string;
  legal: string;
  online: OnlineType;
  feeName?: string;
  items: Item[];
}

const CUT = { cut: '15:00' } as const;

const FIELDS: FieldDef[] = [
  {
    code: 'DAT_DAI', name: 'Đất đai', dept: 'vpdkdd', online: 'partial', feeName: 'Lệ phí cấp Giấy chứng nhận',
    docs: ['Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)', 'Giấy chứng nhận đã cấp (bản gốc)'],
    applicants: 'Hộ gia đình, cá nhân, tổ chức sử dụng đất', legal: 'Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP',
    items: [
      ['Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu', 'X', 20],
      ['Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế', 'P', 10, { fee: 50000 }],
      ['Đăng ký biến động do đổi tên, thay đổi thông tin về người sử dụng đất', 'P', 7, { bf: true }],
      ['Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'P', 7, { bf: true, fee: 50000 }],
      ['Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất', 'P', 10, { fee: 50000 }],
      ['Tách thửa hoặc hợp thửa đất', 'P', 15],
      ['Đính chính Giấy chứng nhận quyền sử dụng đất đã cấp', 'P', 7],
      ['Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất', 'P', 3, { on: 'full', bf: true, fee: 80000 }],
      ['Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất', 'P', 3, { on: 'full', bf: true, fee: 20000 }],
      ['Cung cấp thông tin, dữ liệu đất đai', 'P', 2, { on: 'full', bf: true }],
      ['Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất đối với hộ gia đình, cá nhân', 'X', 20],
      ['Chuyển mục đích sử dụng đất đối với hộ gia đình, cá nhân', 'X', 15],
      ['Hòa giải tranh chấp đất đai', 'X', 30],
      ['Gia hạn sử dụng đất nông nghiệp của hộ gia đình, cá nhân', 'X', 7],
    ],
  },
  {
    code: 'XAY_DUNG', name: 'Xây dựng', dept: 'so-xd-cpxd', online: 'full', feeName: 'Lệ phí cấp giấy phép xây dựng',
    docs: ['Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP)', 'Bản vẽ thiết kế xây dựng', 'Giấy tờ hợp pháp về đất đai'],
    applicants: 'Tổ chức, cá nhân là chủ đầu tư xây dựng', legal: 'Luật Xây dựng số 50/2014/QH13 (sửa đổi 2020); Nghị định số 175/2024/NĐ-CP',
    items: [
      ['Cấp giấy phép xây dựng nhà ở riêng lẻ', 'X', 15, { fee: 75000 }],
      ['Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV', 'P', 20, { fee: 150000 }],
      ['Cấp giấy phép xây dựng sửa chữa, cải tạo công trình', 'P', 20, { fee: 150000 }],
      ['Điều chỉnh giấy phép xây dựng công trình', 'P', 20],
      ['Gia hạn giấy phép xây dựng', 'X', 5],
      ['Cấp lại giấy phép xây dựng', 'X', 5],
      ['Cấp giấy phép di dời công trình', 'P', 20],
      ['Cấp giấy phép xây dựng có thời hạn đối với nhà ở riêng lẻ', 'X', 15, { fee: 75000 }],
      ['Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng', 'P', 25, { ag: 'so-xay-dung' }],
      ['Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở', 'P', 30, { ag: 'so-xay-dung' }],
      ['Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III', 'P', 20, { bf: true, fee: 300000 }],
      ['Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III', 'P', 20, { fee: 1000000 }],
      ['Kiểm tra công tác nghiệm thu hoàn thành công trình xây dựng', 'P', 20, { ag: 'so-xay-dung', on: 'partial' }],
    ],
  },
  {
    code: 'HO_TICH', name: 'Hộ tịch', dept: 'so-tu-phap', online: 'full', feeName: 'Lệ phí hộ tịch',
    docs: ['Tờ khai theo mẫu quy định', 'Giấy tờ chứng minh nơi cư trú (khi không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư)'],
    applicants: 'Công dân Việt Nam; người nước ngoài cư trú tại Việt Nam', legal: 'Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP',
    items: [
      ['Đăng ký khai sinh', 'X', 1, { ...CUT, bf: true }],
      ['Đăng ký khai tử', 'X', 1, { ...CUT, bf: true }],
      ['Đăng ký kết hôn', 'X', 1, { ...CUT, alt: ['Cần xác minh điều kiện kết hôn', 5] }],
      ['Đăng ký nhận cha, mẹ, con', 'X', 3],
      ['Đăng ký khai sinh kết hợp nhận cha, mẹ, con', 'X', 3],
      ['Thay đổi, cải chính, bổ sung, xác định lại dân tộc, thông tin hộ tịch', 'X', 3, { fee: 15000 }],
      ['Cấp Giấy xác nhận tình trạng hôn nhân', 'X', 3, { bf: true }],
      ['Đăng ký lại khai sinh', 'X', 5],
      ['Đăng ký lại kết hôn', 'X', 5],
      ['Đăng ký giám hộ', 'X', 3],
      ['Đăng ký chấm dứt giám hộ', 'X', 2],
      ['Cấp bản sao Trích lục hộ tịch', 'X', 1, { ...CUT, bf: true, fee: 8000 }],
      ['Đăng ký khai sinh có yếu tố nước ngoài', 'X', 3, { fee: 75000 }],
      ['Đăng ký kết hôn có yếu tố nước ngoài', 'X', 10, { fee: 1500000, on: 'partial' }],
      ['Ghi vào Sổ hộ tịch việc hộ tịch của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài', 'X', 5, { fee: 75000 }],
    ],
  },
  {
    code: 'CHUNG_THUC', name: 'Chứng thực', dept: 'so-tu-phap', online: 'partial', feeName: 'Phí chứng thực',
    docs: ['Bản chính giấy tờ, văn bản cần chứng thực hoặc dự thảo hợp đồng, giao dịch', 'Giấy tờ tùy thân của người yêu cầu chứng thực (xuất trình)'],
    applicants: 'Cá nhân, tổ chức có yêu cầu chứng thực', legal: 'Nghị định số 23/2015/NĐ-CP; Nghị định số 07/2025/NĐ-CP; Thông tư số 01/2020/TT-BTP',
    items: [
      ['Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận', 'X', 1, { ...CUT, bf: true, fee: 2000, on: 'full' }],
      ['Chứng thực chữ ký trong các giấy tờ, văn bản', 'X', 1, { ...CUT, bf: true, fee: 10000 }],
      ['Chứng thực chữ ký người dịch', 'X', 1, { ...CUT, fee: 10000 }],
      ['Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở', 'X', 2, { fee: 50000 }],
      ['Chứng thực văn bản thỏa thuận phân chia di sản', 'X', 2, { fee: 50000 }],
      ['Chứng thực văn bản khai nhận di sản', 'X', 2, { fee: 50000 }],
      ['Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch', 'X', 2, { fee: 30000 }],
      ['Sửa lỗi sai sót trong hợp đồng, giao dịch đã được chứng thực', 'X', 1, { ...CUT, fee: 25000 }],
      ['Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực', 'X', 1, { ...CUT, fee: 2000 }],
      ['Chứng thực di chúc', 'X', 2, { fee: 50000 }],
      ['Chứng thực văn bản từ chối nhận di sản', 'X', 2, { fee: 50000 }],
    ],
  },
  {
    code: 'DANG_KY_DN', name: 'Thành lập và hoạt động doanh nghiệp', dept: 'so-tai-chinh', online: 'full', feeName: 'Lệ phí đăng ký doanh nghiệp',
    docs: ['Giấy đề nghị đăng ký doanh nghiệp (Phụ lục I Thông tư 68/2025/TT-BTC)', 'Điều lệ công ty', 'Danh sách thành viên hoặc cổ đông sáng lập'],
    applicants: 'Tổ chức, cá nhân thành lập, quản lý doanh nghiệp', legal: 'Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 168/2025/NĐ-CP',
    items: [
      ['Đăng ký thành lập doanh nghiệp tư nhân', 'P', 3, { bf: true, fee: 50000 }],
      ['Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên', 'P', 3, { bf: true, fee: 50000 }],
      ['Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên', 'P', 3, { bf: true, fee: 50000 }],
      ['Đăng ký thành lập công ty cổ phần', 'P', 3, { bf: true, fee: 50000 }],
      ['Đăng ký thành lập công ty hợp danh', 'P', 3, { fee: 50000 }],
      ['Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp', 'P', 3],
      ['Đăng ký thay đổi người đại diện theo pháp luật của công ty', 'P', 3],
      ['Đăng ký thay đổi vốn điều lệ, tỷ lệ vốn góp', 'P', 3],
      ['Đăng ký đổi tên doanh nghiệp', 'P', 3],
      ['Thông báo thay đổi ngành, nghề kinh doanh', 'P', 3],
      ['Đăng ký hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh', 'P', 3, { fee: 50000 }],
      ['Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo', 'P', 3],
      ['Giải thể doanh nghiệp', 'P', 5],
      ['Cấp lại Giấy chứng nhận đăng ký doanh nghiệp', 'P', 3],
      ['Chuyển đổi công ty trách nhiệm hữu hạn thành công ty cổ phần', 'P', 3, { fee: 50000 }],
    ],
  },
  {
    code: 'HO_KINH_DOANH', name: 'Thành lập và hoạt động của hộ kinh doanh', dept: 'so-tai-chinh', online: 'full', feeName: 'Lệ phí đăng ký hộ kinh doanh',
    docs: ['Giấy đề nghị đăng ký hộ kinh doanh', 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (nếu có)'],
    applicants: 'Cá nhân, thành viên hộ gia đình', legal: 'Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 168/2025/NĐ-CP',
    items: [
      ['Đăng ký thành lập hộ kinh doanh', 'X', 3, { fee: 100000 }],
      ['Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'X', 3],
      ['Tạm ngừng hoạt động hộ kinh doanh, tiếp tục kinh doanh trước thời hạn', 'X', 3],
      ['Chấm dứt hoạt động hộ kinh doanh', 'X', 3],
      ['Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh', 'X', 3],
    ],
  },
  {
    code: 'HOP_TAC_XA', name: 'Thành lập và hoạt động của hợp tác xã', dept: 'so-tai-chinh', online: 'partial',
    docs: ['Giấy đề nghị đăng ký hợp tác xã', 'Điều lệ hợp tác xã', 'Nghị quyết hội nghị thành lập'],
    applicants: 'Thành viên sáng lập hợp tác xã, tổ hợp tác', legal: 'Luật Hợp tác xã số 17/2023/QH15; Nghị định số 92/2024/NĐ-CP',
    items: [
      ['Đăng ký thành lập hợp tác xã', 'X', 3],
      ['Đăng ký thay đổi tên, địa chỉ trụ sở chính, người đại diện của hợp tác xã', 'X', 3],
      ['Giải thể tự nguyện hợp tác xã', 'X', 5],
      ['Thông báo thành lập tổ hợp tác', 'X', 3],
    ],
  },
  {
    code: 'MOI_TRUONG', name: 'Môi trường', dept: 'so-nnmt', online: 'partial', feeName: 'Phí thẩm định',
    docs: ['Văn bản đề nghị', 'Báo cáo đề xuất cấp giấy phép môi trường hoặc báo cáo đánh giá tác động môi trường'],
    applicants: 'Chủ dự án đầu tư, cơ sở sản xuất, kinh doanh, dịch vụ', legal: 'Luật Bảo vệ môi trường số 72/2020/QH14; Nghị định số 08/2022/NĐ-CP; Nghị định số 05/2025/NĐ-CP',
    items: [
      ['Cấp giấy phép môi trường (cấp tỉnh)', 'P', 30, { fee: 6000000 }],
      ['Cấp đổi giấy phép môi trường (cấp tỉnh)', 'P', 15],
      ['Điều chỉnh giấy phép môi trường (cấp tỉnh)', 'P', 15],
      ['Thẩm định báo cáo đánh giá tác động môi trường (cấp tỉnh)', 'P', 30, { fee: 8000000 }],
      ['Đăng ký môi trường', 'X', 10, { on: 'full' }],
      ['Xác nhận hoàn thành phương án cải tạo, phục hồi môi trường trong hoạt động khai thác khoáng sản', 'P', 25],
    ],
  },
  {
    code: 'TAI_NGUYEN_NUOC', name: 'Tài nguyên nước', dept: 'so-nnmt', online: 'partial', feeName: 'Phí thẩm định',
    docs: ['Đơn đề nghị cấp giấy phép', 'Đề án, báo cáo về thăm dò, khai thác tài nguyên nước', 'Kết quả phân tích chất lượng nguồn nước'],
    applicants: 'Tổ chức, cá nhân thăm dò, khai thác, sử dụng tài nguyên nước', legal: 'Luật Tài nguyên nước số 28/2023/QH15; Nghị định số 54/2024/NĐ-CP',
    items: [
      ['Cấp giấy phép thăm dò nước dưới đất', 'P', 25, { fee: 1000000 }],
      ['Cấp giấy phép khai thác nước dưới đất', 'P', 25, { fee: 1500000 }],
      ['Cấp giấy phép khai thác nước mặt', 'P', 25, { fee: 2000000 }],
      ['Gia hạn, điều chỉnh giấy phép khai thác tài nguyên nước', 'P', 20],
      ['Cấp giấy phép hành nghề khoan nước dưới đất quy mô vừa và nhỏ', 'P', 10],
    ],
  },
  {
    code: 'KHAM_CHUA_BENH', name: 'Khám bệnh, chữa bệnh', dept: 'so-y-te', online: 'partial', feeName: 'Phí thẩm định',
    docs: ['Đơn đề nghị theo mẫu', 'Văn bằng chuyên môn', 'Giấy chứng nhận đủ sức khỏe hành nghề'],
    applicants: 'Người hành nghề, cơ sở khám bệnh, chữa bệnh', legal: 'Luật Khám bệnh, chữa bệnh số 15/2023/QH15; Nghị định số 96/2023/NĐ-CP',
    items: [
      ['Cấp giấy phép hành nghề khám bệnh, chữa bệnh', 'P', 20, { fee: 360000 }],
      ['Cấp lại giấy phép hành nghề khám bệnh, chữa bệnh', 'P', 10, { fee: 150000 }],
      ['Cấp giấy phép hoạt động đối với phòng khám đa khoa', 'P', 30, { fee: 5700000 }],
      ['Cấp giấy phép hoạt động đối với phòng khám chuyên khoa', 'P', 30, { fee: 4300000 }],
      ['Điều chỉnh giấy phép hoạt động khám bệnh, chữa bệnh', 'P', 20],
      ['Cấp giấy phép hoạt động đối với phòng chẩn trị y học cổ truyền', 'P', 30, { fee: 3100000 }],
    ],
  },
  {
    code: 'DUOC', name: 'Dược phẩm', dept: 'so-y-te', online: 'full', feeName: 'Phí thẩm định',
    docs: ['Đơn đề nghị theo mẫu', 'Bản sao văn bằng chuyên môn', 'Tài liệu kỹ thuật tương ứng với cơ sở kinh doanh dược'],
    applicants: 'Cá nhân hành nghề dược, cơ sở kinh doanh dược', legal: 'Luật Dược số 105/2016/QH13 (sửa đổi 2024); Nghị định số 54/2017/NĐ-CP',
    items: [
      ['Cấp Chứng chỉ hành nghề dược', 'P', 20, { fee: 500000 }],
      ['Cấp lại Chứng chỉ hành nghề dược', 'P', 5],
      ['Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho nhà thuốc', 'P', 20, { fee: 1000000 }],
      ['Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho quầy thuốc', 'P', 20, { fee: 1000000 }],
      ['Điều chỉnh nội dung Giấy chứng nhận đủ điều kiện kinh doanh dược', 'P', 15],
      ['Công bố cơ sở kinh doanh có tổ chức kệ thuốc', 'P', 10],
    ],
  },
  {
    code: 'AN_TOAN_THUC_PHAM', name: 'An toàn thực phẩm và dinh dưỡng', dept: 'so-y-te', online: 'full', feeName: 'Phí thẩm định cơ sở',
    docs: ['Đơn đề nghị cấp Giấy chứng nhận', 'Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ', 'Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp chế biến'],
    applicants: 'Cơ sở sản xuất, kinh doanh thực phẩm', legal: 'Luật An toàn thực phẩm số 55/2010/QH12; Nghị định số 15/2018/NĐ-CP',
    items: [
      ['Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống', 'P', 20, { fee: 700000 }],
      ['Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất thực phẩm', 'P', 20, { ag: 'so-cong-thuong', fee: 2500000 }],
      ['Đăng ký bản công bố sản phẩm thực phẩm', 'P', 7, { fee: 500000 }],
      ['Cấp giấy xác nhận nội dung quảng cáo thực phẩm', 'P', 10, { fee: 1100000 }],
      ['Xác nhận bản cam kết bảo đảm an toàn thực phẩm đối với cơ sở nhỏ lẻ', 'X', 5],
    ],
  },
  {
    code: 'THUONG_MAI', name: 'Lưu thông hàng hóa trong nước', dept: 'so-cong-thuong', online: 'full', feeName: 'Phí thẩm định điều kiện kinh doanh',
    docs: ['Văn bản đề nghị cấp giấy phép', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh', 'Tài liệu chứng minh địa điểm kinh doanh'],
    applicants: 'Thương nhân, hộ kinh doanh', legal: 'Luật Thương mại số 36/2005/QH11; Nghị định số 105/2017/NĐ-CP; Nghị định số 67/2013/NĐ-CP',
    items: [
      ['Cấp Giấy phép bán lẻ sản phẩm rượu', 'X', 10, { fee: 1100000 }],
      ['Cấp Giấy phép bán buôn sản phẩm rượu', 'P', 15, { fee: 2200000 }],
      ['Cấp Giấy phép bán lẻ sản phẩm thuốc lá', 'X', 10, { fee: 1100000 }],
      ['Cấp Giấy phép bán buôn sản phẩm thuốc lá', 'P', 15, { fee: 2200000 }],
      ['Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai', 'P', 15, { fee: 1200000 }],
      ['Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu', 'P', 15, { fee: 1200000 }],
      ['Đăng ký tổ chức hội chợ, triển lãm thương mại', 'P', 5],
      ['Đăng ký thực hiện khuyến mại', 'P', 5, { bf: true }],
    ],
  },
  {
    code: 'BAO_TRO_XA_HOI', name: 'Bảo trợ xã hội', dept: 'so-y-te', online: 'partial',
    docs: ['Tờ khai đề nghị trợ giúp xã hội theo mẫu', 'Giấy tờ chứng minh thuộc diện đối tượng (nếu có)'],
    applicants: 'Đối tượng bảo trợ xã hội và người giám hộ', legal: 'Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP; Luật Người khuyết tật số 51/2010/QH12',
    items: [
      ['Trợ giúp xã hội thường xuyên tại cộng đồng', 'X', 15],
      ['Thôi hưởng trợ cấp xã hội hàng tháng', 'X', 5],
      ['Điều chỉnh mức hưởng trợ cấp xã hội hàng tháng', 'X', 7],
      ['Chi trả trợ cấp xã hội hàng tháng khi đối tượng thay đổi nơi cư trú', 'X', 10],
      ['Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội', 'X', 3],
      ['Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở', 'X', 10],
      ['Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật', 'X', 25],
      ['Đổi, cấp lại Giấy xác nhận khuyết tật', 'X', 5],
      ['Đăng ký thành lập cơ sở trợ giúp xã hội ngoài công lập', 'P', 15],
    ],
  },
  {
    code: 'NGUOI_CO_CONG', name: 'Người có công', dept: 'so-noi-vu', online: 'partial',
    docs: ['Bản khai theo mẫu', 'Giấy tờ làm căn cứ xác nhận người có công'],
    applicants: 'Người có công với cách mạng và thân nhân', legal: 'Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14; Nghị định số 131/2021/NĐ-CP',
    items: [
      ['Giải quyết chế độ ưu đãi đối với thân nhân liệt sĩ', 'P', 20],
      ['Giải quyết chế độ trợ cấp thờ cúng liệt sĩ', 'X', 12],
      ['Cấp trích lục hoặc sao hồ sơ người có công với cách mạng', 'P', 5, { bf: true }],
      ['Hỗ trợ người có công với cách mạng về nhà ở', 'X', 20],
      ['Giải quyết chế độ mai táng phí đối với người có công với cách mạng từ trần', 'X', 5],
      ['Di chuyển hồ sơ người có công với cách mạng', 'P', 5],
      ['Cấp đổi, cấp lại Bằng Tổ quốc ghi công, Giấy chứng nhận gia đình liệt sĩ', 'P', 10],
    ],
  },
  {
    code: 'THI_DUA', name: 'Thi đua, khen thưởng', dept: 'so-noi-vu', online: 'partial',
    docs: ['Tờ trình đề nghị khen thưởng', 'Báo cáo thành tích của tập thể, cá nhân', 'Biên bản họp Hội đồng thi đua, khen thưởng'],
    applicants: 'Cơ quan, tổ chức, đơn vị đề nghị khen thưởng', legal: 'Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định số 98/2023/NĐ-CP',
    items: [
      ['Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 'P', 20],
      ['Tặng danh hiệu Chiến sĩ thi đua cấp tỉnh', 'P', 20],
      ['Tặng Cờ thi đua của Ủy ban nhân dân tỉnh', 'P', 20],
      ['Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã', 'X', 20],
      ['Tặng danh hiệu Lao động tiên tiến', 'X', 20],
    ],
  },
  {
    code: 'LY_LICH_TU_PHAP', name: 'Lý lịch tư pháp', dept: 'so-tu-phap', online: 'full', feeName: 'Phí cung cấp thông tin lý lịch tư pháp',
    docs: ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)', 'Giấy tờ tùy thân (khi không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư)'],
    applicants: 'Công dân Việt Nam; người nước ngoài đã hoặc đang cư trú tại Việt Nam', legal: 'Luật Lý lịch tư pháp số 28/2009/QH12; Nghị định số 111/2010/NĐ-CP',
    items: [
      ['Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam', 'P', 10, { bf: true, fee: 200000 }],
      ['Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng', 'P', 10],
      ['Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội', 'P', 10],
    ],
  },
  {
    code: 'NUOI_CON_NUOI', name: 'Nuôi con nuôi', dept: 'so-tu-phap', online: 'partial', feeName: 'Lệ phí đăng ký nuôi con nuôi',
    docs: ['Đơn xin nhận con nuôi', 'Giấy khám sức khỏe của người nhận con nuôi', 'Văn bản xác nhận hoàn cảnh gia đình, tình trạng chỗ ở, điều kiện kinh tế'],
    applicants: 'Người nhận con nuôi, cha mẹ đẻ hoặc người giám hộ của trẻ em', legal: 'Luật Nuôi con nuôi số 52/2010/QH12; Nghị định số 19/2011/NĐ-CP',
    items: [
      ['Đăng ký việc nuôi con nuôi trong nước', 'X', 30, { fee: 400000 }],
      ['Đăng ký lại việc nuôi con nuôi trong nước', 'X', 5],
      ['Giải quyết việc người nước ngoài thường trú ở Việt Nam nhận trẻ em Việt Nam làm con nuôi', 'P', 60, { fee: 4500000 }],
    ],
  },
  {
    code: 'CONG_CHUNG', name: 'Công chứng', dept: 'so-tu-phap', online: 'partial', feeName: 'Phí thẩm định tiêu chuẩn, điều kiện hành nghề',
    docs: ['Đơn đề nghị theo mẫu', 'Quyết định bổ nhiệm công chứng viên', 'Giấy tờ chứng minh trụ sở'],
    applicants: 'Công chứng viên, Văn phòng công chứng', legal: 'Luật Công chứng số 46/2024/QH15; Nghị định số 104/2025/NĐ-CP',
    items: [
      ['Thành lập Văn phòng công chứng', 'P', 20],
      ['Đăng ký hoạt động Văn phòng công chứng', 'P', 10, { fee: 1000000 }],
      ['Thay đổi nội dung đăng ký hoạt động của Văn phòng công chứng', 'P', 10],
      ['Đăng ký hành nghề và cấp Thẻ công chứng viên', 'P', 10, { fee: 500000 }],
    ],
  },
  {
    code: 'DUONG_BO', name: 'Đường bộ', dept: 'so-xay-dung', online: 'full', feeName: 'Lệ phí cấp giấy phép',
    docs: ['Đơn đề nghị theo mẫu', 'Bản sao Giấy đăng ký xe hoặc hồ sơ thiết kế, phương án tổ chức thi công'],
    applicants: 'Tổ chức, cá nhân kinh doanh vận tải, chủ đầu tư công trình', legal: 'Luật Đường bộ số 35/2024/QH15; Nghị định số 158/2024/NĐ-CP; Nghị định số 165/2024/NĐ-CP',
    items: [
      ['Cấp phù hiệu xe ô tô kinh doanh vận tải', 'P', 2, { bf: true }],
      ['Cấp Giấy phép kinh doanh vận tải bằng xe ô tô', 'P', 5, { fee: 200000 }],
      ['Cấp giấy phép thi công công trình trên đường bộ đang khai thác', 'P', 7],
      ['Chấp thuận thiết kế kỹ thuật và phương án tổ chức giao thông của nút giao đấu nối vào quốc lộ', 'P', 7],
      ['Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ', 'P', 2, { bf: true }],
    ],
  },
  {
    code: 'VIEC_LAM', name: 'Việc làm', dept: 'so-noi-vu', online: 'full', feeName: 'Lệ phí cấp giấy phép lao động',
    docs: ['Văn bản đề nghị của người sử dụng lao động', 'Giấy chứng nhận sức khỏe', 'Văn bản chứng minh là nhà quản lý, giám đốc điều hành, chuyên gia hoặc lao động kỹ thuật'],
    applicants: 'Người sử dụng lao động, người lao động nước ngoài', legal: 'Bộ luật Lao động số 45/2019/QH14; Nghị định số 152/2020/NĐ-CP; Nghị định số 70/2023/NĐ-CP',
    items: [
      ['Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam', 'P', 5, { fee: 600000 }],
      ['Cấp lại giấy phép lao động cho người lao động nước ngoài', 'P', 3, { fee: 450000 }],
      ['Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động', 'P', 3],
      ['Đăng ký nội quy lao động', 'P', 7],
    ],
  },
  {
    code: 'VAN_HOA', name: 'Văn hóa cơ sở', dept: 'so-noi-vu', online: 'partial', feeName: 'Phí thẩm định',
    docs: ['Văn bản đề nghị theo mẫu', 'Chương trình, kế hoạch hoặc tài liệu chứng minh điều kiện'],
    applicants: 'Tổ chức, cá nhân, hộ gia đình', legal: 'Nghị định số 110/2018/NĐ-CP; Nghị định số 54/2019/NĐ-CP; Nghị định số 86/2023/NĐ-CP',
    items: [
      ['Đăng ký tổ chức lễ hội cấp xã', 'X', 5],
      ['Thông báo tổ chức lễ hội cấp xã', 'X', 5],
      ['Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke', 'X', 5, { fee: 2000000 }],
      ['Xét tặng danh hiệu Gia đình văn hóa hằng năm', 'X', 5],
    ],
  },
];

const PROVINCE_STEPS =
  'Bước 1: Tổ chức, cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh hoặc trên Cổng Dịch vụ công.\n' +
  'Bước 2: Công chức tiếp nhận kiểm tra, hướng dẫn bổ sung (nếu có) và chuyển hồ sơ đến cơ quan giải quyết.\n' +
  'Bước 3: Cơ quan giải quyết thẩm định, trình lãnh đạo phê duyệt.\n' +
  'Bước 4: Trả kết quả tại Trung tâm Phục vụ hành chính công tỉnh hoặc qua dịch vụ bưu chính công ích.';
const COMMUNE_STEPS =
  'Bước 1: Cá nhân, tổ chức nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã hoặc trên Cổng Dịch vụ công.\n' +
  'Bước 2: Công chức tiếp nhận kiểm tra, hướng dẫn bổ sung (nếu có) và chuyển bộ phận chuyên môn.\n' +
  'Bước 3: Bộ phận chuyên môn thẩm định, trình Chủ tịch Ủy ban nhân dân cấp xã ký.\n' +
  'Bước 4: Trả kết quả tại Trung tâm Phục vụ hành chính công cấp xã.';
const MEANS: Record<OnlineType, string> = {
  full: 'Nộp trực tiếp; qua dịch vụ bưu chính công ích; trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia.',
  partial: 'Nộp trực tiếp; qua dịch vụ bưu chính công ích; trực tuyến một phần trên Cổng Dịch vụ công quốc gia.',
  none: 'Nộp trực tiếp hoặc qua dịch vụ bưu chính công ích.',
};

function resultOf(name: string): string {
  if (/^(Cấp|Cấp lại|Cấp đổi)\b/.test(name)) return name.replace(/^(Cấp lại|Cấp đổi|Cấp)\s+/, '').replace(/^./, (c) => c.toUpperCase()) + ' được cấp.';
  if (/^Đăng ký/.test(name)) return 'Giấy chứng nhận, trích lục hoặc văn bản xác nhận việc đăng ký.';
  if (/^Chứng thực/.test(name)) return 'Giấy tờ, văn bản, hợp đồng đã được chứng thực.';
  if (/^Tặng/.test(name)) return 'Quyết định khen thưởng kèm hiện vật khen thưởng.';
  return 'Quyết định hoặc văn bản trả lời của cơ quan có thẩm quyền.';
}

function timeLimitText(amount: number, unit: DurationUnit, cut?: string): string {
  if (cut) return `Trong ngày làm việc; trường hợp tiếp nhận sau ${cut.replace(':00', ' giờ')} thì trả kết quả trong ngày làm việc tiếp theo.`;
  const u = unit === 'working_hours' ? 'giờ làm việc' : unit === 'calendar_days' ? 'ngày' : 'ngày làm việc';
  return `${String(amount).padStart(2, '0')} ${u} kể từ ngày nhận đủ hồ sơ hợp lệ.`;
}

const agencyName = (key: string) => DEMO_AGENCIES.find((a) => a.key === key)?.name ?? key;

/** The catalogue as inputs for the procedure service (all of them published by the loader). */
export function demoCatalogue(): { fields: { code: string; name: string }[]; procedures: ProcedureInput[] } {
  const procedures: ProcedureInput[] = [];
  FIELDS.forEach((f, fi) => {
    f.items.forEach(([name, level, amount, o = {}], ii) => {
      const unit: DurationUnit = o.u === 'h' ? 'working_hours' : o.u === 'cd' ? 'calendar_days' : 'working_days';
      const province = level === 'P';
      const dept = `ag-${o.ag ?? f.dept}`;
      const wf = (hours: number) =>
        province ? standardWorkflow(hours, { reception: 'ag-ttpvhcc', processing: dept }, hours <= 16) : standardWorkflow(hours, {}, true);
      const cases = [
        { code: 'MD', name: 'Trường hợp thông thường', durationAmount: amount, durationUnit: unit, sameDayCutoff: o.cut ?? null, workflow: wf(legalHours(amount, unit)) },
      ];
      if (o.alt) {
        cases.push({ code: 'XM', name: o.alt[0], durationAmount: o.alt[1], durationUnit: 'working_days', sameDayCutoff: null, workflow: wf(legalHours(o.alt[1], 'working_days')) });
      }
      const online = o.on ?? f.online;
      const fees: Fee[] = o.fee ? [{ name: f.feeName ?? 'Phí, lệ phí', amount: o.fee }] : [];
      procedures.push({
        code: `1.9${String(fi + 1).padStart(2, '0')}${String(ii + 1).padStart(3, '0')}`,
        name,
        fieldCode: f.code,
        levels: [province ? 'province' : 'commune'],
        agencyIds: province ? [dept] : COMMUNES.map((k) => `ag-${k}`),
        steps: province ? PROVINCE_STEPS : COMMUNE_STEPS,
        submissionMeans: MEANS[online],
        dossierComponents: [
          ...f.docs.map((d) => ({ name: d, originals: 1, copies: 0, template: /\((Mẫu[^)]*)\)/.exec(d)?.[1] ?? null })),
        ],
        timeLimit: timeLimitText(amount, unit, o.cut),
        applicants: f.applicants,
        competentAgency: province ? agencyName(o.ag ?? f.dept) : 'Ủy ban nhân dân cấp xã',
        result: resultOf(name),
        fees,
        legalBasis: f.legal,
        onlineType: online,
        boundaryFree: o.bf ?? false,
        decision: { number: province ? '2150/QĐ-UBND' : '2151/QĐ-UBND', date: '2025-07-15', effectiveDate: '2025-07-15' },
        cases,
      });
    });
  });
  return { fields: FIELDS.map((f) => ({ code: f.code, name: f.name })), procedures };
}

/**
 * Loads and publishes the demo catalogue (the demo province must be loaded).
 * Does nothing when the catalogue already holds procedures, so calling it twice is harmless.
 */
export async function loadDemoCatalogue(ctx: AppContext): Promise<void> {
  const { fields, procedures } = demoCatalogue();
  await ctx.db.transaction(async (tx) => {
    if ((await repo.countProcedures(tx)) > 0) return;
    const now = ctx.now();
    await repo.upsertFields(tx, fields);
    for (const input of procedures) {
      const proc = await createProcedureTx(tx, now, null, input);
      await publishTx(tx, now, null, proc);
    }
  });
}
