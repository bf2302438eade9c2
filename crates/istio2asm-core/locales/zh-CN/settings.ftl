# settings — zh-CN
