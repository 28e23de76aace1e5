// Choices of the registration and profile forms (docs/organisations.md, "People: registration").

const toOptions = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

export const educationValues = ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中专及以下'] as const;
export const titleLevelValues = ['正高级', '副高级', '中级', '助理级', '员级', '未取得'] as const;

// The professional title series (职称系列) of the national system, as the demo data names them;
// free text remains possible.
export const titleSeriesValues = [
  '卫生系列',
  '高等学校教师系列',
  '中小学教师系列',
  '中等职业学校教师系列',
  '技工院校教师系列',
  '工程系列',
  '农业系列',
  '经济系列',
  '会计系列',
  '审计系列',
  '统计系列',
  '新闻系列',
  '出版系列',
  '翻译系列',
  '播音主持系列',
  '艺术系列',
  '工艺美术系列',
  '文物博物系列',
  '图书资料系列',
  '档案系列',
  '体育教练系列',
  '自然科学研究系列',
  '实验技术系列',
  '律师系列',
  '公证系列',
  '船舶系列',
  '民用航空飞行技术人员系列',
  '其他',
] as const;

export const educationOptions = toOptions(educationValues);
export const titleLevelOptions = toOptions(titleLevelValues);
export const titleSeriesOptions = toOptions(titleSeriesValues);
