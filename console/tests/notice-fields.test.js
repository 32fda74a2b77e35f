import { describe, expect, it } from 'vitest'
import { checkValues, counter, problem, shortenThing } from '../src/views/notices/fieldRules'

const CALL = {
  title: '志愿活动招募通知',
  fields: [
    { key: 'thing1', type: 'thing', label: '活动主题', max_length: 20 },
    { key: 'date2', type: 'date', label: '活动日期', max_length: null },
    { key: 'name4', type: 'name', label: '联系人', max_length: 10 },
    { key: 'phone_number5', type: 'phone_number', label: '联系电话', max_length: 17 },
  ],
}

describe('WeChat field rules, in the API\'s words', () => {
  it('takes a thing of 20 characters and refuses 21, counting characters not bytes', () => {
    expect(problem('thing', '一二三四五六七八九十一二三四五六七八九十')).toBeNull()
    expect(problem('thing', '一二三四五六七八九十一二三四五六七八九十一')).toBe('最多 20 个字（现在 21 个字）')
    expect(problem('thing', '😀'.repeat(20))).toBeNull()
  })

  it('refuses line breaks in a thing and empty values everywhere', () => {
    expect(problem('thing', '第一行\n第二行')).toBe('不能包含换行或控制字符')
    expect(problem('date', '   ')).toBe('不能为空')
  })

  it('reads times and dates as WeChat does, ranges with ~', () => {
    expect(problem('time', '15:01')).toBeNull()
    expect(problem('time', '2026年5月10日 09:00 ~ 2026年5月10日 11:30')).toBeNull()
    expect(problem('time', '25:00')).toMatch(/^时间格式应为/)
    expect(problem('date', '2026年2月30日')).toMatch(/^日期格式应为/)
    expect(problem('date', '2024年2月29日')).toBeNull()
    expect(problem('date', '2026-05-10 09:00')).toBeNull()
  })

  it('knows names, phones, numbers and amounts', () => {
    expect(problem('name', '王书记')).toBeNull()
    expect(problem('name', '王1')).toBe('姓名只能包含汉字或字母')
    expect(problem('phone_number', '0571-86000000')).toBeNull()
    expect(problem('phone_number', '电话0571')).toMatch(/^只能填写数字和符号/)
    expect(problem('number', '2.5')).toBeNull()
    expect(problem('number', '-2')).toBe('只能填写数字（可带小数）')
    expect(problem('amount', '¥100.50')).toBeNull()
  })

  it('shortens a long thing to 19 characters and an ellipsis only when asked', () => {
    const long = '五月市民公益日：爱在下沙每一天，邀您一起参加'
    expect(shortenThing(long)).toBe('五月市民公益日：爱在下沙每一天，邀您一…')
    const values = { thing1: long, date2: '2026年12月13日', name4: '王书记', phone_number5: '0571-86000000' }
    expect(checkValues(CALL, values).problems).toEqual({ thing1: '「活动主题」最多 20 个字（现在 22 个字）' })
    const shortened = checkValues(CALL, values, true)
    expect(shortened.problems).toEqual({})
    expect(shortened.values.thing1).toBe('五月市民公益日：爱在下沙每一天，邀您一…')
    expect(shortened.shortened[0]).toMatchObject({ key: 'thing1', label: '活动主题', original: long })
  })

  it('names missing and unknown fields as the API does', () => {
    const checked = checkValues(CALL, { thing1: '讲座', thing9: 'x' })
    expect(checked.problems.thing9).toBe('模板“志愿活动招募通知”没有字段 thing9')
    expect(checked.problems.date2).toBe('「活动日期」不能为空')
  })

  it('counts characters for fields with a length limit only', () => {
    expect(counter(CALL.fields[0], '市民公益日')).toBe('5/20')
    expect(counter(CALL.fields[1], '2026年12月13日')).toBe('')
  })
})
