"""The notice a volunteer applicant agrees to before anything is stored
(个人信息保护法 第十四条、第十七条: consent given on full notice of purpose,
manner and scope; 第二十八条: an ID-card number is sensitive personal
information and needs separate consent).

A new wording gets a new version; an application quoting an old version is
refused so the person reads the current text.
"""

CONSENT_VERSION = "2026-01"

CONSENT_PURPOSE = (
    "为登记志愿者身份、记录志愿服务时长并依照《志愿服务记录与证明出具办法》出具志愿服务证明，"
    "下沙街道聚沙志愿服务平台将收集和使用您的姓名、手机号码、身份证号码、所在社区、所属中队和技能特长。"
)

CONSENT_TEXT = (
    CONSENT_PURPOSE
    + "身份证号码属于敏感个人信息，仅用于核验身份、避免重复登记和在志愿服务证明及时长导出中以脱敏形式"
    "（如 3301**********1234）出现，加密保存，任何页面都不会完整显示。"
    "您的服务记录将提供给所在社区和中队的组织者审核，经您所在组织导入“志愿浙江”等志愿服务信息系统。"
    "您可以随时在“我的信息”中查看平台保存的全部个人信息，也可以注销账号：注销后您的姓名、手机号码、"
    "身份证号码和微信标识将被删除或匿名化，已审核的服务记录和时长统计作为组织的服务档案保留，但不再能识别到您本人。"
)


def current_notice():
    return {"version": CONSENT_VERSION, "purpose": CONSENT_PURPOSE, "text": CONSENT_TEXT}
