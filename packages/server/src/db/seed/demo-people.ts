// The demo province's people (API.md "Demo province"): fictional names, resident ID numbers that pass
// GB 11643 (the check character is computed), spread over both demo units and the Gongyi unit, in
// every registration state. Listed in the README with their certificate numbers.
export type DemoPerson = {
  name: string;
  /** First 17 characters of the ID number; the check character is added at seeding. */
  id17: string;
  phone: string;
  unit: 'unit-zzu' | 'unit-lyu' | 'unit-gongyi';
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
};

const names = [
  '张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周杰', '吴敏', '徐强', '孙悦',
  '马超', '朱琳', '胡斌', '郭婷', '何军', '高雪', '林涛', '罗欣', '梁晨', '宋佳', '郑凯', '谢颖', '韩冰', '唐宁',
];

const statusCycle: DemoPerson['status'][] = ['approved', 'approved', 'approved', 'approved', 'pending', 'approved', 'rejected', 'approved', 'withdrawn', 'approved', 'pending', 'approved'];

export const demoPeople: DemoPerson[] = names.map((name, i) => {
  const unit: DemoPerson['unit'] = i < 12 ? 'unit-zzu' : i < 24 ? 'unit-lyu' : 'unit-gongyi';
  const region = unit === 'unit-zzu' ? '410105' : unit === 'unit-lyu' ? '410302' : '410181';
  const year = 1970 + ((i * 7) % 30);
  const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
  const day = String(1 + ((i * 11) % 28)).padStart(2, '0');
  // Sequence digit parity carries the sex (GB 11643: odd = male); alternate for variety.
  const sequence = String(100 + i * 2 + (i % 2)).padStart(3, '0');
  return {
    name,
    id17: `${region}${year}${month}${day}${sequence}`,
    phone: `1380371${String(1000 + i).padStart(4, '0')}`,
    unit,
    status: unit === 'unit-gongyi' ? (i === 24 ? 'approved' : 'pending') : (statusCycle[i % 12] ?? 'approved'),
  };
});
