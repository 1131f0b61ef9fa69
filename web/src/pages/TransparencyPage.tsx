// Công khai kết quả giải quyết thủ tục hành chính theo cơ quan: tỷ lệ đúng hạn,
// tỷ lệ nộp trực tuyến và mức độ hài lòng, kỳ này và kỳ trước. Không cần đăng
// nhập, không có thông tin cá nhân.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Input, Segmented, Skeleton } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, SearchOutlined } from '@ant-design/icons';
import { api } from '../api';
import { ErrorState } from '../components/ErrorState';
import { useDocumentTitle } from '../lib/hooks';
import { fmtDate, fmtDateTime } from '../lib/dates';
import { matches } from '../lib/text';
import './transparency.css';

interface Measures { resolved: number; onTime: number; onTimeRate: number | null; received: number; online: number; onlineShare: number | null; ratings: number; satisfied: number; satisfactionRate: number | null }
interface Unit { id: string; name: string; group: 'department' | 'commune'; current: Measures; previous: Measures }
interface Transparency {
  period: 'month' | 'quarter';
  current: { from: string; to: string; label: string };
  previous: { from: string; to: string; label: string };
  generatedAt: string;
  units: Unit[];
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`);

function Delta({ now, before }: { now: number | null; before: number | null }) {
  if (now === null || before === null) return null;
  const d = (now - before) * 100;
  if (Math.abs(d) < 0.05) return <span className="mc-tp__delta">không đổi</span>;
  return (
    <span className={`mc-tp__delta ${d > 0 ? 'is-up' : 'is-down'}`}>
      {d > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(d).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} điểm
    </span>
  );
}

function Measure({ label, now, before, detail, prevLabel }: { label: string; now: number | null; before: number | null; detail: string; prevLabel: string }) {
  return (
    <div className="mc-tp__measure">
      <div className="mc-tp__mlabel">{label}</div>
      <div className="mc-tp__mvalue">{pct(now)}</div>
      <div className="mc-tp__mdetail">{detail}</div>
      <div className="mc-tp__mprev">
        {prevLabel}: {pct(before)} <Delta now={now} before={before} />
      </div>
    </div>
  );
}

function UnitCard({ u, t }: { u: Unit; t: Transparency }) {
  const c = u.current;
  const p = u.previous;
  return (
    <article className="mc-tp__card" data-testid="transparency-unit">
      <h3 className="mc-tp__unit">{u.name}</h3>
      <div className="mc-tp__measures">
        <Measure label="Giải quyết đúng hạn" now={c.onTimeRate} before={p.onTimeRate} detail={c.resolved ? `${c.onTime.toLocaleString('vi-VN')}/${c.resolved.toLocaleString('vi-VN')} hồ sơ` : 'Chưa có hồ sơ giải quyết xong'} prevLabel={t.previous.label} />
        <Measure label="Nộp trực tuyến" now={c.onlineShare} before={p.onlineShare} detail={c.received ? `${c.online.toLocaleString('vi-VN')}/${c.received.toLocaleString('vi-VN')} hồ sơ` : 'Chưa có hồ sơ tiếp nhận'} prevLabel={t.previous.label} />
        <Measure label="Hài lòng" now={c.satisfactionRate} before={p.satisfactionRate} detail={c.ratings ? `${c.ratings.toLocaleString('vi-VN')} lượt đánh giá` : 'Chưa có dữ liệu đánh giá'} prevLabel={t.previous.label} />
      </div>
    </article>
  );
}

export default function TransparencyPage() {
  useDocumentTitle('Công khai kết quả giải quyết thủ tục hành chính');
  const [period, setPeriod] = useState<'month' | 'quarter'>('month');
  const [q, setQ] = useState('');
  const res = useQuery({
    queryKey: ['public', 'transparency', period],
    queryFn: ({ signal }) => api.get<Transparency>('/public/transparency', { period }, { signal, skipAuthRedirect: true }),
    staleTime: 60_000,
  });
  const t = res.data;
  const shown = (t?.units ?? []).filter((u) => !q || matches(q, u.name));
  const groups: { key: Unit['group']; title: string }[] = [
    { key: 'department', title: 'Sở, ban, ngành cấp tỉnh' },
    { key: 'commune', title: 'Ủy ban nhân dân xã, phường' },
  ];
  return (
    <div className="mc-container mc-tp" data-testid="transparency-page">
      <header className="mc-tp__head">
        <h1>Công khai kết quả giải quyết thủ tục hành chính</h1>
        <p>Kết quả giải quyết hồ sơ của từng cơ quan, đơn vị trong tỉnh, cập nhật liên tục từ hệ thống một cửa điện tử.</p>
        <div className="mc-tp__tools">
          <Segmented<'month' | 'quarter'>
            value={period}
            onChange={setPeriod}
            options={[
              { value: 'month', label: 'Theo tháng' },
              { value: 'quarter', label: 'Theo quý' },
            ]}
            aria-label="Kỳ công khai"
          />
          <Input allowClear prefix={<SearchOutlined />} placeholder="Tìm cơ quan, xã, phường" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Tìm cơ quan" className="mc-tp__search" />
        </div>
        {t && (
          <p className="mc-tp__period" data-testid="transparency-period">
            {t.current.label} (từ {fmtDate(t.current.from)} đến {fmtDate(t.current.to)}), so với {t.previous.label}. Số liệu lúc {fmtDateTime(t.generatedAt)}.
          </p>
        )}
      </header>
      {res.isError && !t ? (
        <ErrorState error={res.error} onRetry={() => void res.refetch()} />
      ) : !t ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          {groups.map((g) => {
            const list = shown.filter((u) => u.group === g.key);
            return (
              <section key={g.key} className="mc-tp__group">
                <h2>{g.title}</h2>
                {list.length ? <div className="mc-tp__grid">{list.map((u) => <UnitCard key={u.id} u={u} t={t} />)}</div> : <Empty description="Không có cơ quan phù hợp" />}
              </section>
            );
          })}
        </>
      )}
      <section className="mc-tp__explain" aria-labelledby="tp-explain">
        <h2 id="tp-explain">Cách tính các chỉ số</h2>
        <dl>
          <dt>Giải quyết đúng hạn</dt>
          <dd>Số hồ sơ có kết quả trong kỳ không muộn hơn ngày hẹn trả (kể cả trước hạn), chia cho tổng số hồ sơ đã giải quyết xong trong kỳ. Thời gian tạm dừng chờ bổ sung hồ sơ hoặc thực hiện nghĩa vụ tài chính không tính vào thời hạn.</dd>
          <dt>Nộp trực tuyến</dt>
          <dd>Số hồ sơ tiếp nhận trong kỳ được nộp qua Cổng dịch vụ công, chia cho tổng số hồ sơ tiếp nhận trong kỳ (trực tuyến, trực tiếp và qua bưu chính).</dd>
          <dt>Hài lòng</dt>
          <dd>Số lượt đánh giá “Rất hài lòng” hoặc “Hài lòng” trong kỳ, chia cho tổng số lượt đánh giá của người dân, doanh nghiệp đối với hồ sơ đã có kết quả.</dd>
          <dt>Kỳ</dt>
          <dd>Kỳ hiện tại tính từ ngày đầu tháng (hoặc quý) đến hôm nay; kỳ trước là cả tháng (hoặc quý) liền trước. Số liệu của đơn vị trực thuộc được tính vào sở, ngành hoặc xã, phường quản lý.</dd>
        </dl>
        <Alert type="info" showIcon title="Trang này không hiển thị thông tin cá nhân của người nộp hồ sơ." />
      </section>
    </div>
  );
}
