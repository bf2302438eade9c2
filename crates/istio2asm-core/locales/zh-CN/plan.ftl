# plan — zh-CN
