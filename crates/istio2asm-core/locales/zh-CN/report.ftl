# report — zh-CN
